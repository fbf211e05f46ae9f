package dev.atsrelay.dispatcher.delivery;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Reads the attempt log, always within one tenant, newest first, with a cursor (the last id seen). */
@Component
public class AttemptQuery {

    private final DatabaseClient db;

    AttemptQuery(DatabaseClient db) {
        this.db = db;
    }

    /** One logged attempt as the operator API shows it. */
    public record AttemptView(long id, String endpointId, String messageId, String eventId, String eventType,
                              int attempt, String outcome, Integer httpStatus, long latencyMs, String responseExcerpt,
                              String error, Instant attemptedAt) {
    }

    /** The filters of the attempt log; null = any. */
    public record Filter(String endpointId, String messageId, String outcome, Instant since, Instant until) {
    }

    /** A message's state: delivered, retrying (with the next due time), dead (with the reason), or unknown. */
    /** {@code requestExcerpt}: the start of the body sent, while a retry row or dead letter keeps it. */
    public record MessageStatus(String messageId, String endpointId, String state, Integer attempts, Instant nextDueAt,
                                String deadReason, String requestExcerpt, java.util.List<AttemptView> attemptLog) {
    }

    /** The body is sent as it is; the excerpt is at most its first 4 KiB, cut at a character boundary. */
    static final int REQUEST_EXCERPT_BYTES = 4096;

    static String excerpt(byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (payload.length <= REQUEST_EXCERPT_BYTES) {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
        int end = REQUEST_EXCERPT_BYTES;
        while (end > 0 && (payload[end] & 0xC0) == 0x80) { // not inside a UTF-8 sequence
            end--;
        }
        return new String(payload, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    public reactor.core.publisher.Mono<MessageStatus> status(String tenantId, String messageId) {
        var log = find(tenantId, new Filter(null, messageId, null, null, null), null, 100).collectList();
        var retry = db.sql("SELECT endpoint_id, attempts, due_at, payload FROM retry WHERE tenant_id = :tenant AND message_id = :id")
                .bind("tenant", tenantId).bind("id", messageId)
                .map(row -> new Object[] {row.get("endpoint_id", String.class), row.get("attempts", Integer.class),
                        row.get("due_at", OffsetDateTime.class).toInstant(), excerpt(row.get("payload", byte[].class))}).one();
        var dead = db.sql("SELECT endpoint_id, attempts, reason, payload FROM dead_letter WHERE tenant_id = :tenant AND message_id = :id")
                .bind("tenant", tenantId).bind("id", messageId)
                .map(row -> new Object[] {row.get("endpoint_id", String.class), row.get("attempts", Integer.class),
                        row.get("reason", String.class), excerpt(row.get("payload", byte[].class))}).one();
        return log.flatMap(attempts -> retry.map(r -> new MessageStatus(messageId, (String) r[0], "retrying", (Integer) r[1],
                        (Instant) r[2], null, (String) r[3], attempts))
                .switchIfEmpty(dead.map(d -> new MessageStatus(messageId, (String) d[0], "dead", (Integer) d[1], null,
                        (String) d[2], (String) d[3], attempts)))
                .switchIfEmpty(reactor.core.publisher.Mono.fromSupplier(() -> attempts.isEmpty() ? null
                        : new MessageStatus(messageId, attempts.get(0).endpointId(),
                        attempts.get(0).outcome().equals("succeeded") ? "delivered" : "unknown", attempts.size(), null, null, null, attempts))));
    }

    public Flux<AttemptView> find(String tenantId, Filter filter, Long before, int limit) {
        String endpointId = filter.endpointId();
        String messageId = filter.messageId();
        StringBuilder sql = new StringBuilder("SELECT * FROM attempt WHERE tenant_id = :tenant");
        if (endpointId != null) {
            sql.append(" AND endpoint_id = :endpoint");
        }
        if (messageId != null) {
            sql.append(" AND message_id = :message");
        }
        if (before != null) {
            sql.append(" AND id < :before");
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = :outcome");
        }
        if (filter.since() != null) {
            sql.append(" AND attempted_at >= :since");
        }
        if (filter.until() != null) {
            sql.append(" AND attempted_at < :until");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        var spec = db.sql(sql.toString()).bind("tenant", tenantId).bind("limit", limit);
        if (endpointId != null) {
            spec = spec.bind("endpoint", endpointId);
        }
        if (messageId != null) {
            spec = spec.bind("message", messageId);
        }
        if (before != null) {
            spec = spec.bind("before", before);
        }
        if (filter.outcome() != null) {
            spec = spec.bind("outcome", filter.outcome());
        }
        if (filter.since() != null) {
            spec = spec.bind("since", filter.since().atOffset(java.time.ZoneOffset.UTC));
        }
        if (filter.until() != null) {
            spec = spec.bind("until", filter.until().atOffset(java.time.ZoneOffset.UTC));
        }
        return spec.map(AttemptQuery::view).all();
    }

    private static AttemptView view(Readable row) {
        return new AttemptView(row.get("id", Long.class), row.get("endpoint_id", String.class),
                row.get("message_id", String.class), row.get("event_id", String.class), row.get("event_type", String.class),
                row.get("attempt_no", Integer.class), row.get("outcome", String.class), row.get("http_status", Integer.class),
                row.get("latency_ms", Long.class), row.get("response_excerpt", String.class), row.get("error", String.class),
                row.get("attempted_at", OffsetDateTime.class).toInstant());
    }
}
