package dev.atsrelay.dispatcher.delivery;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;

/** Reading and binding the message columns that retry and dead-letter rows share. */
final class Sources {

    private Sources() {
    }

    /** Binds the columns every retry and dead-letter row takes from its message. */
    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Message m) {
        spec = spec.bind("id", m.messageId()).bind("tenant", m.tenantId()).bind("endpoint", m.endpointId())
                .bind("event", m.eventId()).bind("type", m.eventType());
        spec = m.payload() == null ? spec.bindNull("payload", byte[].class) : spec.bind("payload", m.payload());
        spec = m.orderingKey() == null ? spec.bindNull("orderingKey", String.class) : spec.bind("orderingKey", m.orderingKey());
        spec = bind(spec, m.source());
        return m.sessionExpiresAt() == null ? spec.bindNull("sessionExpiry", OffsetDateTime.class)
                : spec.bind("sessionExpiry", m.sessionExpiresAt().atOffset(ZoneOffset.UTC));
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, InboundEvent.Source source) {
        if (source == null) {
            return spec.bindNull("topic", String.class).bindNull("partition", Integer.class).bindNull("offset", Long.class);
        }
        return spec.bind("topic", source.topic()).bind("partition", source.partition()).bind("offset", source.offset());
    }

    static Message message(Readable row) {
        return message(row, row.get("payload", byte[].class), row.get("ordering_key", String.class));
    }

    /** From a row without payload and ordering key (the attempt log): the payload comes from elsewhere. */
    static Message message(Readable row, byte[] payload, String orderingKey) {
        String topic = row.get("source_topic", String.class);
        InboundEvent.Source source = topic == null ? null
                : new InboundEvent.Source(topic, row.get("source_partition", Integer.class), row.get("source_offset", Long.class));
        OffsetDateTime sessionExpiry = row.get("session_expires_at", OffsetDateTime.class);
        return new Message(row.get("message_id", String.class), row.get("tenant_id", String.class),
                row.get("endpoint_id", String.class), row.get("event_id", String.class), row.get("event_type", String.class),
                payload, source, sessionExpiry == null ? null : sessionExpiry.toInstant(), orderingKey, null,
                null);
    }
}
