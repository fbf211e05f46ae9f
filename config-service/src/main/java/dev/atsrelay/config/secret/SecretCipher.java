package dev.atsrelay.config.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM from the JDK. A ciphertext reads {@code <keyId>:<base64(iv ‖ ciphertext ‖ tag)>}; the associated data
 * binds it to its owner (e.g. the webhook id), so a ciphertext copied onto another record does not decrypt.
 * The format is a contract with the dispatcher: docs/contracts/secret-encryption-vectors.json.
 */
@Component
class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;

    SecretCipher(SecretProperties properties) {
        properties.keys().forEach((id, base64) -> {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 32) {
                throw new IllegalArgumentException("atsrelay.secrets.keys." + id + " must be 32 bytes, base64-encoded");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!keys.containsKey(properties.activeKey())) {
            throw new IllegalArgumentException("atsrelay.secrets.active-key names no key of atsrelay.secrets.keys");
        }
        this.activeKey = properties.activeKey();
    }

    String encrypt(String plaintext, String owner) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return encrypt(plaintext, owner, activeKey, iv);
    }

    String encrypt(String plaintext, String owner, String keyId, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    String decrypt(String ciphertext, String owner) {
        int colon = ciphertext.indexOf(':');
        SecretKey key = colon < 0 ? null : keys.get(ciphertext.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("no key in atsrelay.secrets.keys decrypts this secret");
        }
        byte[] in = Base64.getDecoder().decode(ciphertext.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret does not decrypt for " + owner, e);
        }
    }
}
