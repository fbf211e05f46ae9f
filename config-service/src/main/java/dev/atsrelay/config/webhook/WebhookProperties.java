package dev.atsrelay.config.webhook;

import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param httpAllowedHosts hosts whose webhooks may use plain http (default none: https only) */
@Validated
@ConfigurationProperties("atsrelay.webhooks")
record WebhookProperties(@NotNull Set<String> httpAllowedHosts) {
}
