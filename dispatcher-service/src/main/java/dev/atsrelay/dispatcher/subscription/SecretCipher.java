package dev.atsrelay.dispatcher.subscription;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts the webhook secrets config-service encrypted: {@code <keyId>:<base64(iv ‖ ciphertext ‖ tag)>},
 * AES-256-GCM with the owner id as associated data. The contract is docs/contracts/secret-encryption-vectors.json.
 */
final class SecretCipher {

    private static final int IV_BYTES = 12;
    private final Map<String, SecretKey> keys = new HashMap<>();

    SecretCipher(Map<String, String> base64Keys) {
        base64Keys.forEach((id, base64) -> {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 32) {
                throw new IllegalArgumentException("atsrelay.secrets.keys." + id + " must be 32 bytes, base64-encoded");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
    }

    String decrypt(String ciphertext, String owner) {
        int colon = ciphertext.indexOf(':');
        SecretKey key = colon < 0 ? null : keys.get(ciphertext.substring(0, colon));
        if (key == null) {
            throw new IllegalArgumentException("no key in atsrelay.secrets.keys decrypts the secret of " + owner);
        }
        byte[] in = Base64.getDecoder().decode(ciphertext.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret of " + owner + " does not decrypt with key "
                    + ciphertext.substring(0, colon), e);
        }
    }
}
