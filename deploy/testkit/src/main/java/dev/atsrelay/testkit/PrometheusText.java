package dev.atsrelay.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads figures out of a Prometheus text exposition, as Prometheus itself would compute them. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of the first sample of {@code name} (the full sample name, e.g. {@code x_seconds_count}), or 0. */
    public static double value(String exposition, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    /**
     * The {@code q} quantile of histogram {@code name} (without {@code _bucket}), interpolated linearly inside the
     * bucket that holds it — what PromQL's histogram_quantile() returns.
     */
    public static double quantile(String exposition, String name, double q) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} (\\S+)").matcher(exposition);
        List<double[]> buckets = new ArrayList<>();
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.add(new double[] {le, Double.parseDouble(m.group(2))});
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[1] == 0) {
            return Double.NaN;
        }
        double rank = q * buckets.get(buckets.size() - 1)[1];
        double previousLe = 0;
        double previousCount = 0;
        for (double[] b : buckets) {
            if (b[1] >= rank) {
                if (Double.isInfinite(b[0])) {
                    return previousLe;
                }
                double inBucket = b[1] - previousCount;
                return inBucket == 0 ? b[0] : previousLe + (b[0] - previousLe) * (rank - previousCount) / inBucket;
            }
            previousLe = b[0];
            previousCount = b[1];
        }
        return previousLe;
    }
}
