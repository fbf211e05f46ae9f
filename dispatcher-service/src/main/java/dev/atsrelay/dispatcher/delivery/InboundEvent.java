package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;

/**
 * An event as read from Kafka: routing attributes, the CloudEvent JSON as is, where it came from (for replay), and —
 * for marketplace messages — when their vendor session expires. {@code recordedAt} is the Kafka record's timestamp
 * (when the producer wrote it), the start of the delivery latency. {@code traceparent} is the W3C trace context of the
 * record's dispatch, passed on to its webhooks (null when none).
 */
public record InboundEvent(String id, String tenantId, String type, String key, byte[] payload, Source source,
                           Instant sessionExpiresAt, Instant recordedAt, String traceparent) {

    /** A record's position on Kafka. */
    public record Source(String topic, int partition, long offset) {
    }
}
