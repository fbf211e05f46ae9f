package dev.atsrelay.config.document;

import dev.atsrelay.config.api.ConcurrentModification;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.outbox.Outbox;
import dev.atsrelay.config.outbox.OutboxTopic;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores configuration documents and publishes each change through the outbox, in the caller's transaction: the
 * record's key is {@code <kind>:<tenantId>:<id>}, its value the body plus {@code type}, {@code id}, {@code tenantId}
 * and {@code version}; a deletion publishes a tombstone. Updates are optimistic: they name the version they replace.
 */
@Component
public class Documents {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    Documents(DatabaseClient db, Outbox outbox, JsonMapper json, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public <T> Mono<Document<T>> insert(String kind, TenantId tenant, String id, T body) {
        Instant now = clock.instant();
        var doc = new Document<>(kind, tenant, id, body, 1, now, now);
        return db.sql("INSERT INTO config_document (kind, tenant_id, id, body, version, created_at, updated_at) "
                        + "VALUES (:kind, :tenant, :id, :body, 1, :now, :now)")
                .bind("kind", kind).bind("tenant", tenant.value()).bind("id", id)
                .bind("body", Json.of(json.writeValueAsString(body))).bind("now", now.atOffset(ZoneOffset.UTC))
                .then().then(publish(doc)).thenReturn(doc);
    }

    /** Writes {@code next} (the next version of a document read before); fails if another change came first. */
    public <T> Mono<Document<T>> update(Document<T> next) {
        return db.sql("UPDATE config_document SET body = :body, version = :version, updated_at = :now "
                        + "WHERE kind = :kind AND tenant_id = :tenant AND id = :id AND version = :previous")
                .bind("body", Json.of(json.writeValueAsString(next.body()))).bind("version", next.version())
                .bind("now", next.updatedAt().atOffset(ZoneOffset.UTC)).bind("kind", next.kind())
                .bind("tenant", next.tenant().value()).bind("id", next.id()).bind("previous", next.version() - 1)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? publish(next).thenReturn(next)
                        : Mono.error(new ConcurrentModification(next.kind() + " " + next.id())));
    }

    public <T> Mono<Document<T>> find(String kind, TenantId tenant, String id, Class<T> type) {
        return db.sql("SELECT * FROM config_document WHERE kind = :kind AND tenant_id = :tenant AND id = :id")
                .bind("kind", kind).bind("tenant", tenant.value()).bind("id", id)
                .map(row -> document(row, type)).one();
    }

    /** Up to {@code limit + 1} documents after the cursor, in id order. */
    public <T> Flux<Document<T>> list(String kind, TenantId tenant, String after, int limit, Class<T> type) {
        return list(kind, tenant, after, limit, type, null, null);
    }

    /** … only those whose top-level body member {@code field} is {@code value} (when a field is given). */
    public <T> Flux<Document<T>> list(String kind, TenantId tenant, String after, int limit, Class<T> type, String field,
                                      String value) {
        var spec = db.sql("SELECT * FROM config_document WHERE kind = :kind AND tenant_id = :tenant AND id > :after "
                        + (field == null ? "" : "AND body ->> :field = :value ") + "ORDER BY id LIMIT :limit")
                .bind("kind", kind).bind("tenant", tenant.value()).bind("after", after == null ? "" : after)
                .bind("limit", limit + 1);
        if (field != null) {
            spec = spec.bind("field", field).bind("value", value);
        }
        return spec.map(row -> document(row, type)).all();
    }

    /** Every document of a kind of one tenant, in id order (for reads that need them all, e.g. which buttons to show). */
    public <T> Flux<Document<T>> all(String kind, TenantId tenant, Class<T> type) {
        return db.sql("SELECT * FROM config_document WHERE kind = :kind AND tenant_id = :tenant ORDER BY id")
                .bind("kind", kind).bind("tenant", tenant.value())
                .map(row -> document(row, type)).all();
    }

    public Mono<Void> delete(Document<?> doc) {
        return db.sql("DELETE FROM config_document WHERE kind = :kind AND tenant_id = :tenant AND id = :id AND version = :version")
                .bind("kind", doc.kind()).bind("tenant", doc.tenant().value()).bind("id", doc.id()).bind("version", doc.version())
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? outbox.append(OutboxTopic.CONFIG, key(doc), null)
                        : Mono.error(new ConcurrentModification(doc.kind() + " " + doc.id())));
    }

    /** Keeps a Test's result beside the document; not a configuration change (no version, nothing published). */
    public Mono<Void> saveLastTest(String kind, TenantId tenant, String id, Object result) {
        return db.sql("UPDATE config_document SET last_test = :test WHERE kind = :kind AND tenant_id = :tenant AND id = :id")
                .bind("test", Json.of(json.writeValueAsString(result))).bind("kind", kind).bind("tenant", tenant.value())
                .bind("id", id).then();
    }

    public <R> Mono<R> lastTest(String kind, TenantId tenant, String id, Class<R> type) {
        return db.sql("SELECT last_test FROM config_document WHERE kind = :kind AND tenant_id = :tenant AND id = :id "
                        + "AND last_test IS NOT NULL")
                .bind("kind", kind).bind("tenant", tenant.value()).bind("id", id)
                .map(row -> json.readValue(row.get("last_test", Json.class).asString(), type)).one();
    }

    private Mono<Void> publish(Document<?> doc) {
        ObjectNode value = json.valueToTree(doc.body());
        value.put("type", doc.kind());
        value.put("id", doc.id());
        value.put("tenantId", doc.tenant().value());
        value.put("version", doc.version());
        return outbox.append(OutboxTopic.CONFIG, key(doc), value);
    }

    private static String key(Document<?> doc) {
        return doc.kind() + ":" + doc.tenant().value() + ":" + doc.id();
    }

    private <T> Document<T> document(Readable row, Class<T> type) {
        return new Document<>(row.get("kind", String.class), new TenantId(row.get("tenant_id", String.class)),
                row.get("id", String.class), json.readValue(row.get("body", Json.class).asString(), type),
                row.get("version", Long.class), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }
}
