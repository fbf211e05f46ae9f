package dev.atsrelay.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a message again. Attempt 1 goes out at once; after failed attempt {@code n} the next one is due
 * {@code delays[n-1]} later, with ±jitter so that endpoints coming back are not flooded in step. An endpoint's
 * Retry-After is honoured — never earlier than it asks, up to {@code maxRetryAfter}. After the last delay the message
 * is exhausted and goes to the dead letters. Pure: the random source and the clock's instant are passed in.
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter) {

    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
            0.2, Duration.ofHours(6));

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** Attempts a message gets in all, the first included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * When attempt {@code attemptsMade + 1} is due after a failed attempt at {@code now}; empty when exhausted.
     *
     * @param random a uniform value in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Optional<Instant> next(int attemptsMade, Instant now, Duration retryAfter, DoubleSupplier random) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(attemptsMade - 1);
        long millis = Math.round(base.toMillis() * (1 + jitter * (2 * random.getAsDouble() - 1)));
        if (retryAfter != null) {
            long asked = Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
            millis = Math.max(millis, asked);
        }
        return Optional.of(now.plusMillis(millis));
    }
}
