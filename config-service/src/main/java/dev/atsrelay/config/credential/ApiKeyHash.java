package dev.atsrelay.config.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys are 256 random bits; only their SHA-256 is stored and published. A fast hash is enough for a secret of
 * that entropy (there is nothing to brute-force), and it lets every service check a key locally in one lookup.
 * See docs/adr/0004-api-keys.md.
 */
final class ApiKeyHash {

    static final String KEY_PREFIX = "atsr_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHash() {
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
