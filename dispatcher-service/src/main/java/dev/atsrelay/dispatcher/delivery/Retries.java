package dev.atsrelay.dispatcher.delivery;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Messages waiting for another attempt. A row is written only when a delivery fails; a worker claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so several dispatcher instances share the work and a crashed one's
 * claims expire.
 */
@Component
class Retries {

    private final DatabaseClient db;

    Retries(DatabaseClient db) {
        this.db = db;
    }

    /** A claimed retry: the message and how many attempts it has had. */
    record Due(Message message, int attempts, Instant firstFailedAt) {
    }

    /** Schedules attempt {@code attemptsMade + 1} at {@code due}; durable when the Mono completes. */
    Mono<Void> schedule(Message m, int attemptsMade, Instant due, int lastStatus, String lastError, Instant failedAt) {
        var spec = db.sql("""
                        INSERT INTO retry (message_id, tenant_id, endpoint_id, event_id, event_type, payload, attempts, due_at,
                                           claimed_until, last_status, last_error, first_failed_at, source_topic,
                                           source_partition, source_offset, session_expires_at, ordering_key)
                        VALUES (:id, :tenant, :endpoint, :event, :type, :payload, :attempts, :due, NULL, :status, :error,
                                :failedAt, :topic, :partition, :offset, :sessionExpiry, :orderingKey)
                        ON CONFLICT (message_id) DO UPDATE SET attempts = excluded.attempts, due_at = excluded.due_at,
                            claimed_until = NULL, last_status = excluded.last_status, last_error = excluded.last_error""")
                .bind("attempts", attemptsMade).bind("due", due.atOffset(ZoneOffset.UTC)).bind("status", lastStatus)
                .bind("failedAt", failedAt.atOffset(ZoneOffset.UTC));
        spec = lastError == null ? spec.bindNull("error", String.class) : spec.bind("error", lastError);
        return Sources.bind(spec, m).then();
    }

    /**
     * Puts a message off until {@code due} without an attempt (deferred by its endpoint's protection, or handed off
     * while in flight): a new row has {@code attemptsMade} and the reason; an existing one keeps its history.
     */
    Mono<Void> defer(Message m, int attemptsMade, Instant due, String reason, Instant since) {
        var spec = db.sql("""
                        INSERT INTO retry (message_id, tenant_id, endpoint_id, event_id, event_type, payload, attempts, due_at,
                                           claimed_until, last_status, last_error, first_failed_at, source_topic,
                                           source_partition, source_offset, session_expires_at, ordering_key)
                        VALUES (:id, :tenant, :endpoint, :event, :type, :payload, :attempts, :due, NULL, NULL, :error,
                                :since, :topic, :partition, :offset, :sessionExpiry, :orderingKey)
                        ON CONFLICT (message_id) DO UPDATE SET due_at = excluded.due_at, claimed_until = NULL""")
                .bind("attempts", attemptsMade).bind("due", due.atOffset(ZoneOffset.UTC)).bind("error", reason)
                .bind("since", since.atOffset(ZoneOffset.UTC));
        return Sources.bind(spec, m).then();
    }

    /**
     * Claims up to {@code limit} due messages for {@code lease}. Of a FIFO lane only its head — the row with the
     * lowest source offset — can be claimed, and only when it is due itself.
     */
    Mono<List<Due>> claim(Instant now, int limit, Duration lease) {
        return db.sql("""
                        UPDATE retry SET claimed_until = :until
                        WHERE message_id IN (SELECT r.message_id FROM retry r
                                             WHERE r.due_at <= :now AND (r.claimed_until IS NULL OR r.claimed_until < :now)
                                               AND (r.ordering_key IS NULL OR NOT EXISTS (
                                                    SELECT 1 FROM retry h WHERE h.endpoint_id = r.endpoint_id
                                                    AND h.ordering_key = r.ordering_key AND h.source_offset < r.source_offset))
                                             ORDER BY r.due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .bind("until", now.plus(lease).atOffset(ZoneOffset.UTC)).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("limit", limit)
                .map(Retries::due).all().collectList();
    }

    /** Claims the head of a FIFO lane if it is due and unclaimed (the next message once the previous one is done). */
    Mono<Due> claimHead(String endpointId, String orderingKey, Instant now, Duration lease) {
        return db.sql("""
                        UPDATE retry SET claimed_until = :until
                        WHERE message_id = (SELECT message_id FROM retry WHERE endpoint_id = :endpoint AND ordering_key = :key
                                            ORDER BY source_offset LIMIT 1 FOR UPDATE SKIP LOCKED)
                          AND due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
                        RETURNING *""")
                .bind("until", now.plus(lease).atOffset(ZoneOffset.UTC)).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("endpoint", endpointId).bind("key", orderingKey)
                .map(Retries::due).one();
    }

    /** The FIFO lanes that have messages waiting here ({@link Message#lane()}). */
    Mono<Set<String>> lanes() {
        return db.sql("SELECT DISTINCT endpoint_id, ordering_key FROM retry WHERE ordering_key IS NOT NULL")
                .map(row -> row.get("endpoint_id", String.class) + " " + row.get("ordering_key", String.class))
                .all().collect(Collectors.toSet());
    }

    Mono<Void> delete(String messageId) {
        return db.sql("DELETE FROM retry WHERE message_id = :id").bind("id", messageId).then();
    }

    /**
     * Due now, whatever the schedule said (a replay). A claimed row is left to the worker holding it: it is being
     * attempted right now.
     */
    Mono<Long> dueNow(String tenantId, String messageId, Instant now) {
        return db.sql("UPDATE retry SET due_at = :now WHERE message_id = :id AND tenant_id = :tenant")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("id", messageId).bind("tenant", tenantId)
                .fetch().rowsUpdated();
    }

    /**
     * Moves dead letters back here, due now, for a fresh round of the schedule — in one statement, so none is lost
     * on the way. Those whose vendor session expired stay dead. Answers how many moved.
     */
    Mono<Long> fromDeadLetters(String tenantId, List<String> messageIds, Instant now) {
        return db.sql("""
                        WITH d AS (DELETE FROM dead_letter WHERE tenant_id = :tenant AND message_id = ANY(:ids)
                                       AND (session_expires_at IS NULL OR session_expires_at > :now) RETURNING *)
                        INSERT INTO retry (message_id, tenant_id, endpoint_id, event_id, event_type, payload, attempts, due_at,
                                           claimed_until, last_status, last_error, first_failed_at, source_topic,
                                           source_partition, source_offset, session_expires_at, ordering_key)
                        SELECT message_id, tenant_id, endpoint_id, event_id, event_type, payload, 0, :now, NULL, last_status,
                               last_error, :now, source_topic, source_partition, source_offset, session_expires_at,
                               ordering_key FROM d
                        ON CONFLICT (message_id) DO UPDATE SET attempts = 0, due_at = excluded.due_at, claimed_until = NULL""")
                .bind("tenant", tenantId).bind("ids", messageIds.toArray(String[]::new)).bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated();
    }

    Mono<Due> find(String tenantId, String messageId) {
        return db.sql("SELECT * FROM retry WHERE message_id = :id AND tenant_id = :tenant")
                .bind("id", messageId).bind("tenant", tenantId).map(Retries::due).one();
    }

    static Due due(Readable row) {
        return new Due(Sources.message(row), row.get("attempts", Integer.class),
                row.get("first_failed_at", OffsetDateTime.class).toInstant());
    }
}
