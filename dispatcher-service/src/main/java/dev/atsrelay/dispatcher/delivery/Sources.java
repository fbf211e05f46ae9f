package dev.atsrelay.dispatcher.delivery;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;

/** Reading and binding the message columns that retry and dead-letter rows share. */
final class Sources {

    private Sources() {
    }

    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, InboundEvent.Source source) {
        if (source == null) {
            return spec.bindNull("topic", String.class).bindNull("partition", Integer.class).bindNull("offset", Long.class);
        }
        return spec.bind("topic", source.topic()).bind("partition", source.partition()).bind("offset", source.offset());
    }

    static Message message(Readable row) {
        return message(row, row.get("payload", byte[].class));
    }

    /** From a row without a payload column (the attempt log): the payload comes from elsewhere. */
    static Message message(Readable row, byte[] payload) {
        String topic = row.get("source_topic", String.class);
        InboundEvent.Source source = topic == null ? null
                : new InboundEvent.Source(topic, row.get("source_partition", Integer.class), row.get("source_offset", Long.class));
        OffsetDateTime sessionExpiry = row.get("session_expires_at", OffsetDateTime.class);
        return new Message(row.get("message_id", String.class), row.get("tenant_id", String.class),
                row.get("endpoint_id", String.class), row.get("event_id", String.class), row.get("event_type", String.class),
                payload, source, sessionExpiry == null ? null : sessionExpiry.toInstant());
    }
}
