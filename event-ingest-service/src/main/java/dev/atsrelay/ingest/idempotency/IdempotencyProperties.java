package dev.atsrelay.ingest.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param window       how long an accepted event id (or Idempotency-Key) is remembered; a repeat within it is answered
 *                     with the original result and not published again
 * @param claimTimeout how long a claim may stay unconfirmed before another request may take it over (an instance
 *                     crashed between claiming and publishing); longer than the producer's delivery timeout
 */
@Validated
@ConfigurationProperties("atsrelay.ingest.idempotency")
record IdempotencyProperties(@NotNull Duration window, @NotNull Duration claimTimeout) {
}
