package dev.atsrelay.config.run;

import dev.atsrelay.config.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Removes vendor-session data from runs at the session's expiry (BRIEF.md: no store keeps it 7 days after the
 * session's creation): each record's session id, a marketplace run's input (the sessions' context), and any
 * outbox row still unpublished. Runs at start and every {@code atsrelay.runs.session-redaction.interval}; each pass
 * works in batches ({@code FOR UPDATE SKIP LOCKED}, so instances may overlap) until nothing expired is left, so the
 * first pass after an outage catches up at once. The runs and records themselves stay: their progress is not
 * session data.
 */
@Component
class SessionRedaction {

    private static final Logger log = LoggerFactory.getLogger(SessionRedaction.class);

    /** What one pass removed. */
    record Redacted(long records, long runs, long outboxRows) {
    }

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;
    private final int batch;

    SessionRedaction(DatabaseClient db, Outbox outbox, Clock clock, RunProperties properties) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
        this.batch = properties.sessionRedaction().batch();
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${atsrelay.runs.session-redaction.interval:1m}")
    void scheduled() {
        try {
            Redacted r = redactExpired().block(Duration.ofMinutes(5));
            if (r != null && r.records() + r.runs() + r.outboxRows() > 0) {
                log.info("vendor-session data redacted: {} run records, {} runs, {} unpublished outbox rows",
                        r.records(), r.runs(), r.outboxRows());
            }
        } catch (RuntimeException e) {
            log.warn("session redaction failed, will retry: {}", e.toString());
        }
    }

    /** One pass at the clock's instant: everything expired at or before it, batch after batch. */
    Mono<Redacted> redactExpired() {
        Instant now = clock.instant();
        return untilDone(() -> records(now)).flatMap(records -> untilDone(() -> runs(now))
                .flatMap(runs -> untilDone(() -> outbox.dropExpired(now, batch))
                        .map(rows -> new Redacted(records, runs, rows))));
    }

    private Mono<Long> records(Instant now) {
        return db.sql("UPDATE action_run_record SET session_id = NULL WHERE invocation_id IN (SELECT invocation_id "
                        + "FROM action_run_record WHERE session_id IS NOT NULL AND session_expires_at <= :now "
                        + "ORDER BY session_expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("batch", batch).fetch().rowsUpdated();
    }

    private Mono<Long> runs(Instant now) {
        return db.sql("UPDATE action_run SET input = '{}'::jsonb, session_expires_at = NULL WHERE id IN (SELECT id "
                        + "FROM action_run WHERE session_expires_at <= :now "
                        + "ORDER BY session_expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("batch", batch).fetch().rowsUpdated();
    }

    /** Repeats {@code step} while it fills a whole batch; answers the total. */
    private Mono<Long> untilDone(java.util.function.Supplier<Mono<Long>> step) {
        return step.get().flatMap(n -> n < batch ? Mono.just(n) : untilDone(step).map(more -> n + more));
    }
}
