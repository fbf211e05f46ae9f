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

    public Flux<AttemptView> find(String tenantId, String endpointId, String messageId, Long before, int limit) {
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
