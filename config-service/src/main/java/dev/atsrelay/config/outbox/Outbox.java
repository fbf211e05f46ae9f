package dev.atsrelay.config.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: call {@link #append} inside the transaction that changes the row, and the record reaches
 * Kafka if and only if the change commits (no dual write). {@link OutboxRelay} publishes it.
 * Always change the entity row before appending, so that row locks order the outbox ids of one key.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;

    Outbox(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Publishes {@code value} as JSON under {@code key}; a null value is a tombstone. */
    public Mono<Void> append(OutboxTopic topic, String key, Object value) {
        var spec = db.sql("INSERT INTO outbox (topic, record_key, payload) VALUES (:topic, :key, :payload)")
                .bind("topic", topic.name())
                .bind("key", key);
        spec = value == null ? spec.bindNull("payload", byte[].class) : spec.bind("payload", json.writeValueAsBytes(value));
        return spec.then();
    }
}
