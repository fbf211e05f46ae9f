package dev.atsrelay.dispatcher.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What waits in the database, for operators (docs/metrics.md): retry rows due now and the age of the oldest of them
 * (a backlog the retry workers do not keep up with), all retry rows, and dead letters. Read every 15 s by one query;
 * the same figures on every instance, so alerts take {@code max} over instances.
 */
@Component
class Backlog {

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    private final DatabaseClient db;
    private final Clock clock;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    Backlog(DatabaseClient db, Clock clock, MeterRegistry meters) {
        this.db = db;
        this.clock = clock;
        Gauge.builder("atsrelay.dispatcher.retries.due", due, AtomicLong::get)
                .description("Retry rows due now (not yet attempted)").register(meters);
        Gauge.builder("atsrelay.dispatcher.retries.oldest.due.seconds", oldestDueSeconds, AtomicLong::get)
                .description("How long the oldest retry row due now has been due; 0 when none is").register(meters);
        Gauge.builder("atsrelay.dispatcher.retries.waiting", waiting, AtomicLong::get)
                .description("Retry rows: messages waiting for another attempt (retries, deferrals, hand-offs, FIFO lanes)")
                .register(meters);
        Gauge.builder("atsrelay.dispatcher.dead.letters.stored", deadLetters, AtomicLong::get)
                .description("Dead letters waiting for an operator to replay or discard them").register(meters);
    }

    @Scheduled(fixedDelay = 15_000, initialDelay = 1_000)
    void refresh() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        db.sql("""
                        SELECT (SELECT count(*) FROM retry WHERE due_at <= :now) AS due,
                               (SELECT min(due_at) FROM retry WHERE due_at <= :now) AS oldest,
                               (SELECT count(*) FROM retry) AS waiting,
                               (SELECT count(*) FROM dead_letter) AS dead""")
                .bind("now", now)
                .map(row -> {
                    due.set(row.get("due", Long.class));
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    oldestDueSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()));
                    waiting.set(row.get("waiting", Long.class));
                    deadLetters.set(row.get("dead", Long.class));
                    return true;
                })
                .one()
                .timeout(Duration.ofSeconds(10))
                .subscribe(ok -> { }, e -> log.warn("cannot read the delivery backlog: {}", e.toString()));
    }
}
