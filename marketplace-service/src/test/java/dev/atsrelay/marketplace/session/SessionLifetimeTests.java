package dev.atsrelay.marketplace.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLifetimeTests {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");
    private final SessionLifetime defaults = new SessionLifetime(Duration.ofMinutes(15), Duration.ofMinutes(1));

    @Test
    void expiresOneMarginBeforeSevenDays() {
        assertThat(defaults.expiresAt(CREATED)).isEqualTo(Instant.parse("2026-11-30T09:45:00Z"));
    }

    @Test
    void isUsableAtSixDaysTwentyThreeHours() {
        assertThat(defaults.expiresAt(CREATED)).isAfter(CREATED.plus(Duration.ofDays(6)).plus(Duration.ofHours(23)));
    }

    @Test
    void theNextPurgeAfterExpiryStillComesBeforeTheDeadline() {
        Instant latestPurge = defaults.expiresAt(CREATED).plus(defaults.purgeInterval());
        assertThat(latestPurge).isBefore(SessionLifetime.deadline(CREATED));
        assertThat(Duration.between(latestPurge, SessionLifetime.deadline(CREATED))).isEqualTo(Duration.ofMinutes(14));
    }

    @Test
    void refusesAMarginThatDoesNotCoverThePurgeInterval() {
        assertThatThrownBy(() -> new SessionLifetime(Duration.ofMinutes(10), Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least twice the purge interval");
        assertThatThrownBy(() -> new SessionLifetime(Duration.ofDays(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionLifetime(Duration.ofMinutes(15), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
