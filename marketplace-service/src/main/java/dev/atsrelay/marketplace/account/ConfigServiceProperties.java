package dev.atsrelay.marketplace.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param url config-service's public API; @param timeout how long to wait for its answer */
@Validated
@ConfigurationProperties("atsrelay.config")
record ConfigServiceProperties(@NotBlank String url, @NotNull Duration timeout) {
}
