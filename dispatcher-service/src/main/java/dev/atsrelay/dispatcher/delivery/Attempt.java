package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/** One try to deliver one message to one endpoint, as the attempt log keeps it. */
record Attempt(String tenantId, String endpointId, String messageId, String eventId, String eventType, int attemptNo,
               String outcome, int httpStatus, long latencyMs, String responseExcerpt, String error, Instant attemptedAt,
               InboundEvent.Source source, Instant sessionExpiresAt) {

    static Attempt of(Message m, int attemptNo, dev.atsrelay.dispatcher.webhook.WebhookResponse r) {
        return new Attempt(m.tenantId(), m.endpointId(), m.messageId(), m.eventId(), m.eventType(), attemptNo,
                r.classification().name().toLowerCase(java.util.Locale.ROOT), r.status(), r.latency().toMillis(), r.excerpt(),
                r.error(), r.sentAt(), m.source(), m.sessionExpiresAt());
    }
}
