package dev.atsrelay.dispatcher.delivery;

/** A canonical domain event as read from Kafka: routing attributes from its headers, the CloudEvent JSON as is. */
public record InboundEvent(String id, String tenantId, String type, String key, byte[] payload) {
}
