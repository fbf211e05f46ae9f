package dev.atsrelay.marketplace.session;

import java.time.Duration;
import java.time.Instant;

/**
 * The 7-day promise, as arithmetic. A session may be used until {@code expiresAt = createdAt + 7 days − margin};
 * the purge deletes every row whose {@code expiresAt} has passed and runs every {@code purgeInterval}, so a row is gone
 * by {@code expiresAt + purgeInterval + the purge's own run time}. The margin must cover that: with the defaults
 * (margin 15 min, interval 1 min) a session works at 6 d 23 h, expires at 6 d 23 h 45 min, and is deleted by
 * 6 d 23 h 46 min plus the run time, 14 minutes ahead of the deadline. Plain Java.
 */
record SessionLifetime(Duration margin, Duration purgeInterval) {

    static final Duration MAX_AGE = Duration.ofDays(7);

    SessionLifetime {
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("the purge interval must be positive");
        }
        if (margin.compareTo(purgeInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the session margin (" + margin + ") must be at least twice the purge interval ("
                    + purgeInterval + "), or a session could outlive 7 days between two purges");
        }
        if (margin.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("the session margin (" + margin + ") may be at most 1 day: vendors are promised about 7 days");
        }
    }

    Instant expiresAt(Instant createdAt) {
        return createdAt.plus(MAX_AGE).minus(margin);
    }

    /** The moment by which no trace of a session created at {@code createdAt} may exist. */
    static Instant deadline(Instant createdAt) {
        return createdAt.plus(MAX_AGE);
    }
}
