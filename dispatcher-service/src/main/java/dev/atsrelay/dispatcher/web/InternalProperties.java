package dev.atsrelay.dispatcher.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param token bearer token of the internal API that config-service calls; keep it secret, rotate it with config-service */
@Validated
@ConfigurationProperties("atsrelay.internal")
record InternalProperties(@NotBlank String token) {
}
