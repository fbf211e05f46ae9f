package dev.atsrelay.config.webhook;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param testValidity     how recent a passing Test must be for Save (activation) or a URL change
 * @param rotationOverlap  how long the old secret keeps signing after a rotation, unless the request says otherwise
 */
@Validated
@ConfigurationProperties("atsrelay.webhooks")
record WebhookProperties(@NotNull Duration testValidity,
                         @NotNull Duration rotationOverlap) {
}
