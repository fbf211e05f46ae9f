package dev.atsrelay.dispatcher.delivery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How deliveries are retried and kept.
 *
 * @param retryDelays        the published schedule: the delay before each retry (attempt 1 is immediate)
 * @param jitter             ± this fraction of each delay
 * @param maxRetryAfter      the longest Retry-After an endpoint is granted
 * @param retryPollInterval  how often the retry worker looks for due messages
 * @param retryBatch         due messages claimed at once
 * @param retryLease         how long a claimed message is held before another worker may take it (a crashed one)
 * @param attemptRetention   how long attempts stay in the log
 * @param disableAfter       an endpoint that has only failed for this long is disabled
 */
@Validated
@ConfigurationProperties("atsrelay.dispatcher.delivery")
public record DeliveryProperties(@NotEmpty List<Duration> retryDelays, @DecimalMin("0") @DecimalMax("0.99") double jitter,
                                 @NotNull Duration maxRetryAfter, @NotNull Duration retryPollInterval, @Min(1) int retryBatch,
                                 @NotNull Duration retryLease, @NotNull Duration attemptRetention,
                                 @NotNull Duration disableAfter) {

    public RetrySchedule schedule() {
        return new RetrySchedule(retryDelays, jitter, maxRetryAfter);
    }
}
