package dev.atsrelay.dispatcher.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * One decrypted {@code whsec_} secret, ready to sign. Signing is the official Standard Webhooks library
 * ({@code com.standardwebhooks:standardwebhooks}); nothing here computes an HMAC by hand.
 */
public final class SigningKey {

    private final Webhook webhook;

    public SigningKey(String whsecSecret) {
        this.webhook = new Webhook(whsecSecret);
    }

    /** The {@code v1,<base64>} signature of {@code body} for {@code messageId} at {@code timestampSeconds}. */
    String sign(String messageId, long timestampSeconds, String body) {
        try {
            return webhook.sign(messageId, timestampSeconds, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[redacted]";
    }
}
