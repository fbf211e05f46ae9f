package dev.atsrelay.marketplace.credential;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The shared bearer tokens; keep them in a secret store, not in a file. */
final class TokenProperties {

    private TokenProperties() {
    }

    /** @param token the platform operator's token (registers vendors); the same as config-service's */
    @Validated
    @ConfigurationProperties("atsrelay.operator")
    record Operator(@NotBlank @Size(min = 24, message = "must be at least 24 characters") String token) {
    }

    /** @param token the internal API's token (config-service and the dispatcher open sessions with it) */
    @Validated
    @ConfigurationProperties("atsrelay.internal")
    record Internal(@NotBlank String token) {
    }
}
