package dev.atsrelay.config.outbox;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Result;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: call {@link #append} inside the transaction that changes the row, and the record reaches
 * Kafka if and only if the change commits (no dual write). {@link OutboxRelay} publishes it.
 * Always change the entity row before appending, so that row locks order the outbox ids of one key.
 */
@Component
public class Outbox {

    /**
     * One record to publish: its key, its value (already JSON), the Kafka headers it carries and, for a record that
     * carries vendor-session data, when that data expires ({@code null}: never). A row still unpublished then is
     * dropped by {@link #dropExpired}.
     */
    public record Entry(String key, byte[] value, Map<String, String> headers, Instant expiresAt) {

        public Entry(String key, byte[] value, Map<String, String> headers) {
            this(key, value, headers, null);
        }
    }

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

    /** Appends many records in one round trip (a batch of one statement), in list order; for bulk runs. */
    public Mono<Void> appendAll(OutboxTopic topic, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return db.inConnectionMany(connection -> {
            var statement = connection.createStatement(
                    "INSERT INTO outbox (topic, record_key, payload, headers, expires_at) VALUES ($1, $2, $3, $4, $5)");
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                Entry e = entries.get(i);
                statement.bind(0, topic.name()).bind(1, e.key()).bind(2, e.value())
                        .bind(3, Json.of(json.writeValueAsString(e.headers())));
                if (e.expiresAt() == null) {
                    statement.bindNull(4, OffsetDateTime.class);
                } else {
                    statement.bind(4, e.expiresAt().atOffset(ZoneOffset.UTC));
                }
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated);
        }).then();
    }

    /**
     * Deletes up to {@code batch} unpublished rows whose data expired at or before {@code now}; answers how many.
     * Published rows are already gone: the relay deletes each row once Kafka has it.
     */
    public Mono<Long> dropExpired(Instant now, int batch) {
        return db.sql("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE expires_at <= :now "
                        + "ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
