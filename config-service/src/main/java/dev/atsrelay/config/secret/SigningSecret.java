package dev.atsrelay.config.secret;

import java.time.Instant;

/**
 * One signing secret of an endpoint (a webhook or a custom action), kept encrypted. During a rotation an endpoint has
 * two: the new one and the old one until {@code expiresAt}; the dispatcher signs with every secret not yet expired.
 */
public record SigningSecret(String id, String ciphertext, Instant createdAt, Instant expiresAt) {

    boolean liveAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
