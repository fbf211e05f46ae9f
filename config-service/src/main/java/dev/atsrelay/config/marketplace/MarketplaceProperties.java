package dev.atsrelay.config.marketplace;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How config-service reaches marketplace-service's internal API, which opens the vendor session of every record of a
 * marketplace action's run.
 *
 * @param url           marketplace-service's base URL
 * @param internalToken bearer token of its internal API ({@code atsrelay.internal.token} there); its own key, so that
 *                      it may differ from the dispatcher's one day, but read from the same {@code ATSRELAY_INTERNAL_TOKEN}
 * @param timeout       how long to wait for one session
 * @param concurrency   how many sessions of one bulk run are opened at once
 */
@Validated
@ConfigurationProperties("atsrelay.marketplace")
record MarketplaceProperties(@NotBlank String url, @NotBlank String internalToken, @NotNull Duration timeout,
                             @Min(1) @Max(64) int concurrency) {
}
