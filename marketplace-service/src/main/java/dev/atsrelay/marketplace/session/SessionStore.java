package dev.atsrelay.marketplace.session;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Sessions and their results in PostgreSQL (tables {@code vendor_session}, {@code session_result}; Flyway V2). */
@Component
class SessionStore {

    private static final TypeReference<List<RecordRef>> RECORDS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonMapper json;

    SessionStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Inserts the session unless its invocation already has one; true if inserted. */
    Mono<Boolean> insertIfAbsent(Session s) {
        var spec = db.sql("INSERT INTO vendor_session (id, invocation_id, tenant_id, vendor_id, action_id, records, context, "
                        + "created_at, expires_at) VALUES (:id, :inv, :tenant, :vendor, :action, :records, :context, :created, :expires) "
                        + "ON CONFLICT (invocation_id) DO NOTHING")
                .bind("id", s.id()).bind("inv", s.invocationId()).bind("tenant", s.tenantId()).bind("vendor", s.vendorId())
                .bind("action", s.actionId()).bind("records", Json.of(json.writeValueAsString(s.records())))
                .bind("created", utc(s.createdAt())).bind("expires", utc(s.expiresAt()));
        spec = s.context() == null ? spec.bindNull("context", Json.class) : spec.bind("context", Json.of(json.writeValueAsString(s.context())));
        return spec.fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Session> byInvocation(String invocationId) {
        return db.sql("SELECT * FROM vendor_session WHERE invocation_id = :inv").bind("inv", invocationId).map(this::session).one();
    }

    /** The vendor's live session, share-locked until the transaction ends so that the purge waits for it. */
    Mono<Session> lockLive(String id, String vendorId, Instant now) {
        return db.sql("SELECT * FROM vendor_session WHERE id = :id AND vendor_id = :vendor AND expires_at > :now FOR SHARE")
                .bind("id", id).bind("vendor", vendorId).bind("now", utc(now)).map(this::session).one();
    }

    /** A live session, if it belongs to {@code owner}: a vendor (ownerIsVendor) or a tenant. */
    Mono<Session> live(String id, String owner, boolean ownerIsVendor, Instant now) {
        return db.sql("SELECT * FROM vendor_session WHERE id = :id AND " + (ownerIsVendor ? "vendor_id" : "tenant_id")
                        + " = :owner AND expires_at > :now")
                .bind("id", id).bind("owner", owner).bind("now", utc(now)).map(this::session).one();
    }

    /** The tenant's live sessions, newest first, after the cursor (created_at, id), up to {@code limit + 1}. */
    Flux<Session> page(String tenantId, Instant now, Instant beforeCreated, String beforeId, int limit) {
        var spec = db.sql("SELECT * FROM vendor_session WHERE tenant_id = :tenant AND expires_at > :now "
                        + (beforeId == null ? "" : "AND (created_at, id) < (:created, :id) ")
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("tenant", tenantId).bind("now", utc(now)).bind("limit", limit + 1);
        if (beforeId != null) {
            spec = spec.bind("created", utc(beforeCreated)).bind("id", beforeId);
        }
        return spec.map(this::session).all();
    }

    Mono<Void> insertResult(String sessionId, Result r) {
        var spec = db.sql("INSERT INTO session_result (id, session_id, event_id, status, record, result, received_at) "
                        + "VALUES (:id, :session, :event, :status, :record, :result, :at)")
                .bind("id", r.id()).bind("session", sessionId).bind("event", r.eventId()).bind("status", r.status())
                .bind("at", utc(r.receivedAt()));
        spec = r.record() == null ? spec.bindNull("record", Json.class) : spec.bind("record", Json.of(json.writeValueAsString(r.record())));
        spec = r.result() == null ? spec.bindNull("result", Json.class) : spec.bind("result", Json.of(json.writeValueAsString(r.result())));
        return spec.then();
    }

    Flux<Result> results(String sessionId) {
        return db.sql("SELECT * FROM session_result WHERE session_id = :session ORDER BY received_at, id")
                .bind("session", sessionId)
                .map(row -> new Result(row.get("id", String.class), row.get("event_id", String.class),
                        row.get("status", String.class), read(row, "record", STRINGS), read(row, "result", OBJECT),
                        instant(row, "received_at")))
                .all();
    }

    /**
     * Deletes up to {@code batch} sessions that expired at {@code now} (their results go with them: ON DELETE
     * CASCADE); rows another purge holds are skipped, so several instances may purge at once.
     */
    Mono<Long> deleteExpired(Instant now, int batch) {
        return db.sql("DELETE FROM vendor_session WHERE id IN (SELECT id FROM vendor_session WHERE expires_at <= :now "
                        + "ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("now", utc(now)).bind("batch", batch).fetch().rowsUpdated();
    }

    /** How many sessions are live at {@code now}, and when the oldest row still stored was created (null if none). */
    Mono<long[]> stats(Instant now) {
        return db.sql("SELECT count(*) FILTER (WHERE expires_at > :now) AS live, min(created_at) AS oldest FROM vendor_session")
                .bind("now", utc(now))
                .map(row -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new long[] {row.get("live", Long.class), oldest == null ? -1 : oldest.toInstant().toEpochMilli()};
                }).one();
    }

    private Session session(Readable row) {
        return new Session(row.get("id", String.class), row.get("invocation_id", String.class), row.get("tenant_id", String.class),
                row.get("vendor_id", String.class), row.get("action_id", String.class), read(row, "records", RECORDS),
                read(row, "context", OBJECT), instant(row, "created_at"), instant(row, "expires_at"));
    }

    private <T> T read(Readable row, String column, TypeReference<T> type) {
        Json value = row.get(column, Json.class);
        return value == null ? null : json.readValue(value.asString(), type);
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
