package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/** One event for one endpoint: what a delivery sends, with the stable id receivers deduplicate on. */
record Message(String messageId, String tenantId, String endpointId, String eventId, String eventType, byte[] payload,
               InboundEvent.Source source, Instant sessionExpiresAt) {

    static Message of(InboundEvent e, String endpointId) {
        return new Message(MessageId.of(e.tenantId(), e.id(), endpointId), e.tenantId(), endpointId, e.id(), e.type(),
                e.payload(), e.source(), e.sessionExpiresAt());
    }
}
