package dev.atsrelay.dispatcher.subscription;

import jakarta.validation.constraints.NotEmpty;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The key ring that decrypts webhook secrets: the same ring as config-service's (docs/adr/0005-secret-encryption.md). */
@Validated
@ConfigurationProperties("atsrelay.secrets")
record SecretProperties(@NotEmpty Map<String, String> keys) {
}
