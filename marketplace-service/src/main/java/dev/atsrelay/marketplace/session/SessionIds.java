package dev.atsrelay.marketplace.session;

import java.security.SecureRandom;

/**
 * Session ids are bearer-like references a vendor holds for up to 7 days, so they must be unguessable: 160 bits from
 * {@link SecureRandom}, base32 (RFC 4648, lower case, no padding), after {@code vs_}: {@code vs_} + 32 characters.
 * Not time-ordered on purpose: nothing about one id helps to find another (docs/adr/0017-vendor-session-lifetime.md).
 * Plain Java.
 */
final class SessionIds {

    static final int RANDOM_BITS = 160;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    static String next() {
        byte[] bytes = new byte[RANDOM_BITS / 8];
        RANDOM.nextBytes(bytes);
        return "vs_" + base32(bytes);
    }

    /** 20 bytes are 160 bits: exactly 32 base32 characters of 5 bits each. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 8 / 5 + 1);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** Whether {@code id} could be a session id at all; anything else is refused without a database lookup. */
    static boolean wellFormed(String id) {
        if (id == null || id.length() != 3 + RANDOM_BITS / 5 || !id.startsWith("vs_")) {
            return false;
        }
        for (int i = 3; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return false;
            }
        }
        return true;
    }
}
