package dev.atsrelay.marketplace.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keys are 256 random bits; only their SHA-256 is stored, as config-service does (docs/adr/0004-api-keys.md). A fast
 * hash is enough for a secret of that entropy, and a key is checked in one lookup. Plain Java.
 */
final class ApiKeyHash {

    /** Vendor keys start with {@code atsv_} (tenants' keys with {@code atsr_}): a leaked key says whose it is. */
    static final String VENDOR_KEY_PREFIX = "atsv_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHash() {
    }

    static String newVendorKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return VENDOR_KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The token of an {@code Authorization: Bearer …} header, or null. */
    static String bearer(String header) {
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
