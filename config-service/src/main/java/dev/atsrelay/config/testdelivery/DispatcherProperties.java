package dev.atsrelay.config.testdelivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How config-service reaches the dispatcher's internal API (all outbound webhook HTTP goes through the dispatcher).
 *
 * @param url           the dispatcher's base URL
 * @param internalToken bearer token of the internal API, shared with the dispatcher
 * @param timeout       how long to wait for a test delivery's result (the dispatcher's own timeout plus a margin)
 */
@Validated
@ConfigurationProperties("atsrelay.dispatcher")
record DispatcherProperties(@NotBlank String url, @NotBlank String internalToken, @NotNull Duration timeout) {
}
