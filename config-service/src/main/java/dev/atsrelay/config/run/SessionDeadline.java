package dev.atsrelay.config.run;

import dev.atsrelay.config.marketplace.VendorSession;
import java.time.Duration;
import java.time.Instant;

/**
 * When config-service's copy of a vendor session's data must go: at the session's {@code expiresAt} (marketplace-service
 * sets it 15 minutes before the 7 days), and never later than 7 days after its creation less two redaction intervals,
 * whatever marketplace-service answered, so that a redaction job running every {@code interval} always meets the
 * deadline. Pure.
 */
final class SessionDeadline {

    static final Duration LIFETIME = Duration.ofDays(7);

    private SessionDeadline() {
    }

    static Instant redactAt(VendorSession session, Duration interval) {
        Instant latest = session.createdAt().plus(LIFETIME).minus(interval.multipliedBy(2));
        return session.expiresAt().isBefore(latest) ? session.expiresAt() : latest;
    }
}
