package dev.atsrelay.dispatcher.webhook;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code webhook-signature} header: one {@code v1,<sig>} per active secret, space-separated, so that receivers
 * verify with either the old or the new secret while a rotation overlaps (Standard Webhooks, "Signature scheme").
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String signatureHeader(String messageId, long timestampSeconds, String body, List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an endpoint without an active secret cannot be signed for");
        }
        return keys.stream().map(k -> k.sign(messageId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }
}
