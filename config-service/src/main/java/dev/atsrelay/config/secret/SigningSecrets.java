package dev.atsrelay.config.secret;

import dev.atsrelay.config.id.Ids;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates and rotates endpoint signing secrets: Standard Webhooks {@code whsec_} secrets of 32 random bytes,
 * encrypted at once; the plaintext exists only in the answer that creates or rotates it.
 */
@Component
public class SigningSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretCipher cipher;

    SigningSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** A new secret for {@code owner}: its plaintext (show it once) and its encrypted form (store and publish). */
    public record Issued(String plaintext, SigningSecret secret) {
    }

    public Issued issue(String owner, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String plaintext = "whsec_" + Base64.getEncoder().encodeToString(bytes);
        return new Issued(plaintext, new SigningSecret(Ids.next("whs"), cipher.encrypt(plaintext, owner), now, null));
    }

    /**
     * The secrets after a rotation: the new one, and the ones still live, which keep signing until {@code now + overlap}
     * (or their own earlier expiry); expired ones are dropped.
     */
    public static List<SigningSecret> rotated(List<SigningSecret> current, SigningSecret fresh, Duration overlap, Instant now) {
        Instant until = now.plus(overlap);
        List<SigningSecret> next = new ArrayList<>();
        next.add(fresh);
        for (SigningSecret s : current) {
            if (s.liveAt(now)) {
                Instant expiry = s.expiresAt() != null && s.expiresAt().isBefore(until) ? s.expiresAt() : until;
                next.add(new SigningSecret(s.id(), s.ciphertext(), s.createdAt(), expiry));
            }
        }
        return List.copyOf(next);
    }
}
