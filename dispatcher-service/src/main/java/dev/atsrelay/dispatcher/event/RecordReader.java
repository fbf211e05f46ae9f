package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.delivery.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a domain-event record: the routing attributes from its {@code ce_*} headers (set by event-ingest-service),
 * or from the CloudEvent itself when a producer left them out. A record with neither is malformed.
 */
final class RecordReader {

    /** Either an event to dispatch or the reason the record is malformed. */
    record Read(InboundEvent event, String problem) {
    }

    private final JsonMapper json;

    RecordReader(JsonMapper json) {
        this.json = json;
    }

    /** {@code traceparent}: of the record's dispatch span, for its webhooks (null without one). */
    Read read(ConsumerRecord<String, byte[]> r, String traceparent) {
        String id = header(r, "ce_id");
        String tenant = header(r, "ce_tenantid");
        String type = header(r, "ce_type");
        if (r.value() == null) {
            return new Read(null, "the record has no value (a tombstone on the domain-event topic)");
        }
        if (id == null || tenant == null || type == null) {
            try {
                JsonNode event = json.readTree(r.value());
                id = id != null ? id : text(event, "id");
                tenant = tenant != null ? tenant : text(event, "tenantid");
                type = type != null ? type : text(event, "type");
            } catch (JacksonException e) {
                return new Read(null, "the value is not JSON and has no ce_* headers: " + e.getOriginalMessage());
            }
        }
        if (id == null || tenant == null || type == null) {
            return new Read(null, "the event has no " + (id == null ? "id" : tenant == null ? "tenantid" : "type"));
        }
        var source = new InboundEvent.Source(r.topic(), r.partition(), r.offset());
        return new Read(new InboundEvent(id, tenant, type, r.key(), r.value(), source, sessionExpiry(r, type),
                java.time.Instant.ofEpochMilli(r.timestamp()), traceparent), null);
    }

    /**
     * A marketplace action's vendor session expiry: the {@code session-expires-at} header, or the event's
     * {@code /data/session/expiresAt}. The dispatcher stops retrying and redacts such messages at that instant.
     */
    private Instant sessionExpiry(ConsumerRecord<String, byte[]> r, String type) {
        String header = header(r, "session-expires-at");
        try {
            if (header != null) {
                return Instant.parse(header);
            }
            if ("action.invoked".equals(type)) {
                JsonNode at = json.readTree(r.value()).at("/data/session/expiresAt");
                return at.isString() ? Instant.parse(at.asString()) : null;
            }
        } catch (RuntimeException unreadable) {
            // no usable expiry: the message is delivered like any other
        }
        return null;
    }

    private static String text(JsonNode event, String field) {
        JsonNode node = event == null ? null : event.get(field);
        return node != null && node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
