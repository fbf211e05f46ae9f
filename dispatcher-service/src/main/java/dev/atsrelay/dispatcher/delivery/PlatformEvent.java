package dev.atsrelay.dispatcher.delivery;

/**
 * One of the platform's own events, as published on the platform topic: a CloudEvent ({@code value}) with its Kafka
 * key and routing headers; {@code sessionExpiresAt} (header {@code session-expires-at}) when it carries vendor-session
 * data.
 */
public record PlatformEvent(String key, String id, String type, String tenantId, byte[] value, java.time.Instant sessionExpiresAt) {
}
