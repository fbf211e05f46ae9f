package dev.atsrelay.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code webhook-id} of a message: derived from the tenant, the event and the endpoint, so that every retry and
 * every redelivery after a crash or rebalance carries the same id, and receivers can deduplicate on it.
 */
final class MessageId {

    private MessageId() {
    }

    static String of(String tenantId, String eventId, String endpointId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (tenantId + '\n' + eventId + '\n' + endpointId).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
