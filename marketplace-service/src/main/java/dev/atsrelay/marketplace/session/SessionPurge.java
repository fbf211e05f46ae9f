package dev.atsrelay.marketplace.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes every session whose {@code expiresAt} has passed, with its results, in batches, until none is left: after
 * an outage of any length one run catches up at once. Runs at start and every purge interval. Logs counts only.
 */
@Component
public class SessionPurge {

    private static final Logger log = LoggerFactory.getLogger(SessionPurge.class);

    private final SessionStore store;
    private final SessionMetrics metrics;
    private final Clock clock;
    private final int batch;

    SessionPurge(SessionStore store, SessionMetrics metrics, Clock clock, SessionProperties properties) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.batch = properties.purgeBatch();
    }

    /** Deletes what expired by now; completes with how many sessions were deleted. */
    public Mono<Long> purgeExpired() {
        Instant now = clock.instant();
        return store.deleteExpired(now, batch)
                .expand(deleted -> deleted == batch ? store.deleteExpired(now, batch) : Mono.empty())
                .reduce(0L, Long::sum)
                .flatMap(total -> store.stats(clock.instant()).doOnNext(s -> metrics.refreshed(s[0], s[1])).thenReturn(total))
                .doOnNext(total -> {
                    metrics.purged(total);
                    if (total > 0) {
                        log.info("purged {} expired vendor session(s) with their results", total);
                    }
                });
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${atsrelay.marketplace.sessions.purge-interval:1m}")
    void scheduled() {
        try {
            purgeExpired().block(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            // the exception's type only: a database error's message could quote session data
            log.error("the vendor-session purge failed ({}); it runs again in one interval", e.getClass().getName());
        }
    }
}
