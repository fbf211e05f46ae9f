package dev.atsrelay.dispatcher.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Messages that will not be tried again by themselves: kept, queryable, and replayable by an operator. */
@Component
public class DeadLetters {

    private final DatabaseClient db;
    private final MeterRegistry meters;

    DeadLetters(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        this.meters = meters;
    }

    /** Counts moves to the dead letters by reason (exhausted, gone, refused, endpoint_disabled, session_expired). */
    void counted(String reason, long n) {
        Counter.builder("atsrelay.dispatcher.dead.letters").tag("reason", reason)
                .description("Messages moved to the dead letters, by reason").register(meters).increment(n);
    }

    /** A dead letter as the operator API shows it (no payload). */
    public record DeadLetter(String messageId, String endpointId, String eventId, String eventType, int attempts, String reason,
                             Integer lastStatus, String lastError, Instant deadAt, Instant sessionExpiresAt) {
    }

    /** Moves a message here and out of the retry rows, in one statement. */
    Mono<Void> add(Message m, int attempts, String reason, int lastStatus, String lastError, Instant now) {
        var spec = db.sql("""
                        WITH gone AS (DELETE FROM retry WHERE message_id = :id)
                        INSERT INTO dead_letter (message_id, tenant_id, endpoint_id, event_id, event_type, payload, attempts,
                                                 reason, last_status, last_error, dead_at, source_topic, source_partition,
                                                 source_offset, session_expires_at, ordering_key)
                        VALUES (:id, :tenant, :endpoint, :event, :type, :payload, :attempts, :reason, :status, :error, :now,
                                :topic, :partition, :offset, :sessionExpiry, :orderingKey)
                        ON CONFLICT (message_id) DO UPDATE SET attempts = excluded.attempts, reason = excluded.reason,
                            last_status = excluded.last_status, last_error = excluded.last_error, dead_at = excluded.dead_at""")
                .bind("attempts", attempts).bind("reason", reason).bind("status", lastStatus)
                .bind("now", now.atOffset(ZoneOffset.UTC));
        spec = lastError == null ? spec.bindNull("error", String.class) : spec.bind("error", lastError);
        return Sources.bind(spec, m).then().doOnSuccess(done -> counted(reason, 1));
    }

    public Flux<DeadLetter> list(String tenantId, String endpointId, String after, int limit) {
        var spec = db.sql("SELECT * FROM dead_letter WHERE tenant_id = :tenant"
                        + (endpointId == null ? "" : " AND endpoint_id = :endpoint")
                        + " AND message_id > :after ORDER BY message_id LIMIT :limit")
                .bind("tenant", tenantId).bind("after", after == null ? "" : after).bind("limit", limit);
        if (endpointId != null) {
            spec = spec.bind("endpoint", endpointId);
        }
        return spec.map(DeadLetters::view).all();
    }

    Mono<DeadLetter> find(String tenantId, String messageId) {
        return db.sql("SELECT * FROM dead_letter WHERE message_id = :id AND tenant_id = :tenant")
                .bind("id", messageId).bind("tenant", tenantId).map(DeadLetters::view).one();
    }

    private static DeadLetter view(Readable row) {
        return new DeadLetter(row.get("message_id", String.class), row.get("endpoint_id", String.class),
                row.get("event_id", String.class), row.get("event_type", String.class), row.get("attempts", Integer.class),
                row.get("reason", String.class), row.get("last_status", Integer.class), row.get("last_error", String.class),
                row.get("dead_at", OffsetDateTime.class).toInstant(), instant(row.get("session_expires_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
