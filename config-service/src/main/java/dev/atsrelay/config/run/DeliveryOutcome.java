package dev.atsrelay.config.run;

import java.time.Instant;

/**
 * What the dispatcher reports about one delivery of an {@code action.invoked} (topic {@code ats.action.outcomes.v1},
 * docs/topics.md). At least once: the same report may come twice, and reports of different attempts out of order.
 *
 * @param runId  absent for event-triggered invocations, which have no run
 * @param status the endpoint's HTTP status; null when no answer came
 * @param error  why the attempt failed; null if it did not
 * @param reason why delivery stopped, with {@code failed} only ({@code exhausted}, {@code gone}, …)
 */
public record DeliveryOutcome(String invocationId, String runId, String tenantId, String actionId, String eventId,
                              String messageId, Kind outcome, int attempt, Integer status, String error, String reason,
                              Instant at) {

    public enum Kind {
        DELIVERED, RETRYING, FAILED;

        /** The kind named on the topic, or null for a name this version does not know. */
        public static Kind named(String name) {
            return switch (name == null ? "" : name) {
                case "delivered" -> DELIVERED;
                case "retrying" -> RETRYING;
                case "failed" -> FAILED;
                default -> null;
            };
        }
    }
}
