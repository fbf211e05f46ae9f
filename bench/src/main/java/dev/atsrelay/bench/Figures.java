package dev.atsrelay.bench;

import java.util.List;
import java.util.Locale;

/** Prints the benchmark's figures as {@code name=value} lines on stdout, as they are measured. */
final class Figures {

    void print(String name, Object value) {
        System.out.println(name + "=" + value);
        System.out.flush();
    }

    void print(String name, double value, int decimals) {
        print(name, String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    /** A figure with its target: {@code name=}, {@code name_target=} and {@code name_target_met=true|false}. */
    void atLeast(String name, double value, double target, int decimals) {
        print(name, value, decimals);
        print(name + "_target", ">=" + target);
        print(name + "_target_met", round(value, decimals) >= target);
    }

    void atMost(String name, double value, double target, int decimals) {
        print(name, value, decimals);
        print(name + "_target", "<=" + target);
        print(name + "_target_met", round(value, decimals) <= target);
    }

    /** The {@code q} quantile of sorted values (nearest rank). */
    static double quantile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
