package dev.atsrelay.marketplace.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rule for every topic that carries vendor-session data: Kafka deletes whole segments only, so a record may stay
 * until {@code retention.ms + segment.ms} after it was written; that sum must stay under 7 days, and the cleanup
 * policy must delete. Plain Java.
 */
final class SessionDataTopics {

    static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();

    private SessionDataTopics() {
    }

    /** What is wrong with a topic's effective configuration (empty if nothing). */
    static List<String> violations(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        long retention = number(config.get("retention.ms"));
        long segment = number(config.get("segment.ms"));
        String policy = config.getOrDefault("cleanup.policy", "delete");
        if (!policy.contains("delete")) {
            problems.add("cleanup.policy is '" + policy + "': records would be kept forever; it must include delete");
        }
        if (retention < 0) {
            problems.add("retention.ms is " + config.get("retention.ms") + ": records would be kept forever");
        } else if (segment < 0 || retention + segment >= SEVEN_DAYS_MS) {
            problems.add("retention.ms (" + config.get("retention.ms") + ") + segment.ms (" + config.get("segment.ms")
                    + ") must stay under " + SEVEN_DAYS_MS + " (7 days)");
        }
        return problems;
    }

    /** How long the topic may keep a record after it was written: retention.ms + segment.ms (valid configs only). */
    static Duration kept(Map<String, String> config) {
        return Duration.ofMillis(number(config.get("retention.ms")) + number(config.get("segment.ms")));
    }

    private static long number(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
