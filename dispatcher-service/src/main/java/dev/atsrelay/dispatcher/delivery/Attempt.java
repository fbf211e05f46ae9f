package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/** One try to deliver one message to one endpoint, as the attempt log keeps it. */
record Attempt(String tenantId, String endpointId, String messageId, String eventId, String eventType, int attemptNo,
               String outcome, int httpStatus, long latencyMs, String responseExcerpt, String error, Instant attemptedAt) {
}
