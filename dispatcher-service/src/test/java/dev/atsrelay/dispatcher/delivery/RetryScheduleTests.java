package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final RetrySchedule schedule = RetrySchedule.DEFAULT;

    @Test
    void followsThePublishedScheduleWithoutJitterAtTheMidpoint() {
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)};
        for (int attempt = 1; attempt <= 7; attempt++) {
            assertThat(schedule.next(attempt, NOW, null, () -> 0.5)).contains(NOW.plus(expected[attempt - 1]));
        }
        assertThat(schedule.maxAttempts()).isEqualTo(8);
    }

    @Test
    void isExhaustedAfterTheEighthAttempt() {
        assertThat(schedule.next(8, NOW, null, () -> 0.5)).isEmpty();
        assertThat(schedule.next(0, NOW, null, () -> 0.5)).isEmpty();
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(schedule.next(2, NOW, null, () -> 0.0)).contains(NOW.plus(Duration.ofMinutes(4)));
        assertThat(schedule.next(2, NOW, null, () -> 0.999999)).hasValueSatisfying(due ->
                assertThat(Duration.between(NOW, due)).isBetween(Duration.ofSeconds(359), Duration.ofMinutes(6)));
    }

    @Test
    void honoursRetryAfterButNeverBeyondTheClamp() {
        assertThat(schedule.next(1, NOW, Duration.ofMinutes(2), () -> 0.5)).contains(NOW.plus(Duration.ofMinutes(2)));
        assertThat(schedule.next(1, NOW, Duration.ofSeconds(1), () -> 0.5)).contains(NOW.plus(Duration.ofSeconds(5)));
        assertThat(schedule.next(1, NOW, Duration.ofDays(3), () -> 0.5)).contains(NOW.plus(Duration.ofHours(6)));
    }
}
