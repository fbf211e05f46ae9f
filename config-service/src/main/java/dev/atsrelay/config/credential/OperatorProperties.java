package dev.atsrelay.config.credential;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The platform operator's bearer token: it creates tenants. Keep it in a secret store, not in a file. */
@Validated
@ConfigurationProperties("atsrelay.operator")
record OperatorProperties(@NotBlank @Size(min = 24, message = "must be at least 24 characters") String token) {
}
