package dev.atsrelay.dispatcher.protection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How each endpoint is protected from the others, and the others from it (docs/adr/0014-endpoint-protection.md).
 *
 * @param breaker                 the circuit breaker every endpoint has
 * @param maxConcurrent           requests to one endpoint at once
 * @param maxQueued               deliveries waiting for one of those slots; beyond it they are deferred
 * @param maxQueueWait            the longest a delivery waits for a slot before it is deferred
 * @param maxRateWait             the longest a delivery waits in memory for its rate limit before it is deferred
 * @param handoffAfter            a first delivery still unfinished after this is made durable (a retry row), so that
 *                                its Kafka record completes and no slow endpoint holds a partition's commits
 * @param instances               dispatcher instances sharing each endpoint's rate limit (each enforces its share)
 */
@Validated
@ConfigurationProperties("atsrelay.dispatcher.protection")
public record ProtectionProperties(@Valid @NotNull Breaker breaker, @Min(1) int maxConcurrent, @Min(0) int maxQueued,
                                   @NotNull Duration maxQueueWait, @NotNull Duration maxRateWait,
                                   @NotNull Duration handoffAfter, @Min(1) int instances) {

    /**
     * @param failureRate   percentage of failed calls (of the last {@code window}) that opens the breaker
     * @param window        calls the failure rate is computed over
     * @param minimumCalls  calls needed before the failure rate counts
     * @param openFor       how long an open breaker sends nothing before it lets probes through
     * @param probes        calls let through while half-open: it closes if their failure rate is below the
     *                      threshold, and opens again otherwise
     */
    public record Breaker(@DecimalMin("1") @DecimalMax("100") float failureRate, @Min(1) int window, @Min(1) int minimumCalls,
                          @NotNull Duration openFor, @Min(1) int probes) {
    }
}
