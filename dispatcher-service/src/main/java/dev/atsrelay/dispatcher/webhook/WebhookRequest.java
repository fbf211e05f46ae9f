package dev.atsrelay.dispatcher.webhook;

import java.time.Duration;
import java.util.List;

/** One attempt to send: where, the stable message id ({@code webhook-id}), the body, and the keys that sign it. */
public record WebhookRequest(String url, String messageId, byte[] body, List<SigningKey> keys, Duration timeout) {
}
