package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/**
 * How a delivery of an {@code action.invoked} to its action's endpoint went: published on {@code ats.action.outcomes.v1}
 * (docs/topics.md), from which config-service updates the run's per-record progress.
 *
 * @param runId   the run the invocation belongs to; null for Event actions and stage triggers
 * @param outcome {@code delivered}, {@code retrying} or {@code failed}
 * @param status  the HTTP status of the attempt, or null (no response, or no attempt)
 * @param reason  with {@code failed}: {@code exhausted}, {@code gone}, {@code refused}, {@code endpoint_disabled},
 *                {@code session_expired} or {@code discarded}
 */
public record ActionOutcome(String invocationId, String runId, String tenantId, String actionId, String eventId,
                            String messageId, String outcome, int attempt, Integer status, String error, String reason,
                            Instant at) {
}
