package dev.atsrelay.dispatcher.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the stores within their promises: attempts older than the retention are deleted (a slice at a time, so the
 * purge keeps up without long locks), and vendor-session data is gone at the session's expiry — retries stop and
 * become dead letters without payload, and response excerpts of those messages are blanked.
 */
@Component
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final int SLICE = 10_000;

    private final DatabaseClient db;
    private final DeadLetters deadLetters;
    private final DeliveryProperties properties;
    private final Clock clock;

    Housekeeping(DatabaseClient db, DeadLetters deadLetters, DeliveryProperties properties, Clock clock) {
        this.db = db;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${atsrelay.dispatcher.delivery.purge-interval:PT1M}")
    void purgeOldAttempts() {
        Instant cutoff = clock.instant().minus(properties.attemptRetention());
        try {
            long deleted;
            do {
                deleted = db.sql("DELETE FROM attempt WHERE id IN (SELECT id FROM attempt WHERE attempted_at < :cutoff LIMIT " + SLICE + ")")
                        .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC)).fetch().rowsUpdated().blockOptional().orElse(0L);
            } while (deleted == SLICE);
        } catch (RuntimeException e) {
            log.warn("attempt purge failed, will retry: {}", e.toString());
        }
    }

    /** Runs often: no session data may outlive its session, whatever else is happening. */
    @Scheduled(fixedDelayString = "${atsrelay.dispatcher.delivery.session-redaction-interval:PT1M}")
    void redactExpiredSessions() {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            db.sql("""
                            WITH expired AS (DELETE FROM retry WHERE session_expires_at <= :now RETURNING *)
                            INSERT INTO dead_letter (message_id, tenant_id, endpoint_id, event_id, event_type, payload, attempts,
                                                     reason, last_status, last_error, dead_at, source_topic, source_partition,
                                                     source_offset, session_expires_at, ordering_key)
                            SELECT message_id, tenant_id, endpoint_id, event_id, event_type, NULL, attempts, 'session_expired',
                                   last_status, NULL, :now, NULL, NULL, NULL, session_expires_at, ordering_key FROM expired
                            ON CONFLICT (message_id) DO UPDATE SET payload = NULL, reason = 'session_expired'""")
                    .bind("now", now).fetch().rowsUpdated().doOnNext(n -> deadLetters.counted("session_expired", n)).block();
            db.sql("UPDATE dead_letter SET payload = NULL, last_error = NULL, source_topic = NULL, source_partition = NULL, "
                    + "source_offset = NULL WHERE session_expires_at <= :now AND (payload IS NOT NULL OR source_topic IS NOT NULL)")
                    .bind("now", now).then().block();
            db.sql("UPDATE attempt SET response_excerpt = NULL, error = NULL, source_topic = NULL, source_partition = NULL, "
                    + "source_offset = NULL, session_expires_at = NULL WHERE session_expires_at <= :now")
                    .bind("now", now).then().block();
        } catch (RuntimeException e) {
            log.warn("session redaction failed, will retry: {}", e.toString());
        }
    }
}
