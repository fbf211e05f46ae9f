package dev.atsrelay.dispatcher.webhook;

import java.time.Duration;
import java.util.List;

/**
 * One attempt to send: where, the stable message id ({@code webhook-id}), the body, and the keys that sign it;
 * {@code traceparent}, when not null, is sent as the W3C header of that name.
 */
public record WebhookRequest(String url, String messageId, byte[] body, List<SigningKey> keys, Duration timeout,
                             String traceparent) {

    public WebhookRequest(String url, String messageId, byte[] body, List<SigningKey> keys, Duration timeout) {
        this(url, messageId, body, keys, timeout, null);
    }
}
