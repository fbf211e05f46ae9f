package dev.atsrelay.dispatcher.subscription;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Which events of its types a subscription receives: only these jobs, stages or channels (empty = any), and
 * conditions on fields. All must hold. Operators: eq, ne, in, not_in, exists, not_exists, gt, gte, lt, lte, prefix.
 * Pure.
 */
public record Filter(List<String> jobIds, List<String> stageIds, List<String> channelIds, List<Condition> conditions) {

    public static final Filter NONE = new Filter(List.of(), List.of(), List.of(), List.of());

    public record Condition(String path, String op, Object value) {
    }

    public Filter {
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
        stageIds = stageIds == null ? List.of() : List.copyOf(stageIds);
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public boolean isEmpty() {
        return jobIds.isEmpty() && stageIds.isEmpty() && channelIds.isEmpty() && conditions.isEmpty();
    }

    public boolean matches(EventView event) {
        return anyOf(jobIds, event.at("/data/jobId"))
                && anyOf(stageIds, event.at("/data/stage/stageId"))
                && anyOf(channelIds, event.at("/data/channel/channelId"))
                && conditions.stream().allMatch(c -> holds(c, event.at(c.path())));
    }

    private static boolean anyOf(List<String> allowed, Object actual) {
        return allowed.isEmpty() || (actual != null && allowed.contains(actual.toString()));
    }

    static boolean holds(Condition c, Object actual) {
        return switch (c.op()) {
            case "exists" -> actual != null;
            case "not_exists" -> actual == null;
            case "eq" -> same(actual, c.value());
            case "ne" -> !same(actual, c.value());
            case "in" -> c.value() instanceof List<?> list && list.stream().anyMatch(v -> same(actual, v));
            case "not_in" -> c.value() instanceof List<?> list && list.stream().noneMatch(v -> same(actual, v));
            case "gt", "gte", "lt", "lte" -> compare(actual, c.value(), c.op());
            case "prefix" -> actual instanceof String s && c.value() instanceof String p && s.startsWith(p);
            default -> false;
        };
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())) == 0;
        }
        return Objects.equals(actual, expected);
    }

    private static boolean compare(Object actual, Object expected, String op) {
        if (!(actual instanceof Number a) || !(expected instanceof Number e)) {
            return false;
        }
        int c = new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString()));
        return switch (op) {
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            default -> c <= 0;
        };
    }
}
