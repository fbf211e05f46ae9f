package dev.atsrelay.marketplace.platform;

import java.time.Instant;
import java.util.Map;

/**
 * One of the platform's own events, as a CloudEvent (docs/events): {@code key} is {@code <tenantId>:<subject>}.
 *
 * @param sessionExpiresAt when the vendor session whose data it carries expires (header {@code session-expires-at});
 *                         null for an event that carries no session data
 */
public record PlatformEvent(String id, String type, String tenantId, String subject, Instant time,
                            Map<String, Object> data, Instant sessionExpiresAt) {

    public static final String SOURCE = "/atsrelay/marketplace-service";

    public String key() {
        return tenantId + ":" + subject;
    }
}
