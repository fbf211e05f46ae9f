package dev.atsrelay.config.secret;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The key ring that encrypts webhook signing secrets at rest and on the configuration topic. Keys are named so they
 * can be rotated: new secrets use {@code active-key}; older ciphertexts name the key that decrypts them.
 * The dispatcher holds the same ring (docs/adr/0005-secret-encryption.md).
 */
@Validated
@ConfigurationProperties("atsrelay.secrets")
record SecretProperties(@NotEmpty Map<String, String> keys, @NotBlank String activeKey) {
}
