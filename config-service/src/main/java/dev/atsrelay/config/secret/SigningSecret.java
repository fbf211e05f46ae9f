package dev.atsrelay.config.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * One signing secret of a webhook, kept encrypted. During rotation a webhook has several: the new one and the old
 * one until {@code expiresAt}; the dispatcher signs with every secret that has not expired.
 */
record SigningSecret(String id, String ciphertext, Instant createdAt, Instant expiresAt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
    static String generatePlaintext() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
