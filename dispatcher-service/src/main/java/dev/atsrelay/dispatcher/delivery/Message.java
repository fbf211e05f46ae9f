package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/**
 * One event for one endpoint: what a delivery sends, with the stable id receivers deduplicate on. {@code orderingKey}
 * is set for an ordered (FIFO) subscription: the event's Kafka key, i.e. its entity. {@code recordedAt} is set for a
 * message read from the stream (not for one read back from the database), and so is {@code traceparent}, the W3C
 * trace context its webhook carries: retries read from the database start no trace (docs/architecture.md).
 */
record Message(String messageId, String tenantId, String endpointId, String eventId, String eventType, byte[] payload,
               InboundEvent.Source source, Instant sessionExpiresAt, String orderingKey, Instant recordedAt,
               String traceparent) {

    static Message of(InboundEvent e, String endpointId, boolean fifo) {
        return new Message(MessageId.of(e.tenantId(), e.id(), endpointId), e.tenantId(), endpointId, e.id(), e.type(),
                e.payload(), e.source(), e.sessionExpiresAt(), fifo && e.source() != null ? e.key() : null, e.recordedAt(),
                e.traceparent());
    }

    Message withoutPayload() {
        return new Message(messageId, tenantId, endpointId, eventId, eventType, null, source, sessionExpiresAt, orderingKey, recordedAt,
                traceparent);
    }

    /** The FIFO lane: one endpoint, one key; null when unordered. */
    String lane() {
        return orderingKey == null ? null : endpointId + " " + orderingKey;
    }
}
