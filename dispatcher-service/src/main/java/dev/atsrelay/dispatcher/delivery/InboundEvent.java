package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/**
 * An event as read from Kafka: routing attributes, the CloudEvent JSON as is, where it came from (for replay), and —
 * for marketplace messages — when their vendor session expires.
 */
public record InboundEvent(String id, String tenantId, String type, String key, byte[] payload, Source source,
                           Instant sessionExpiresAt) {

    /** A record's position on Kafka. */
    public record Source(String topic, int partition, long offset) {
    }
}
