package dev.atsrelay.dispatcher.subscription;

import dev.atsrelay.dispatcher.webhook.SigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A webhook as the dispatcher holds it: where to deliver which event types, and the keys that sign, each with the
 * time it stops signing (null = until rotated).
 */
public record Subscription(String id, String tenantId, long version, String url, Set<String> eventTypes,
                           boolean enabled, List<Secret> secrets, Filter filter, Settings settings) {

    /** Delivery settings of the endpoint (null members = the platform's defaults). */
    public record Settings(Integer rateLimitPerSecond, boolean fifo, java.time.Duration timeout, Integer maxConcurrent) {
        public static final Settings DEFAULT = new Settings(null, false, null, null);
    }

    public Subscription(String id, String tenantId, long version, String url, Set<String> eventTypes, boolean enabled,
                        List<Secret> secrets) {
        this(id, tenantId, version, url, eventTypes, enabled, secrets, Filter.NONE, Settings.DEFAULT);
    }

    public java.time.Duration timeout() {
        return settings.timeout();
    }

    public record Secret(SigningKey key, Instant expiresAt) {
    }

    /** The keys that sign at {@code now}: during a rotation, the new secret and the old one until it expires. */
    public List<SigningKey> signingKeys(Instant now) {
        return secrets.stream().filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now)).map(Secret::key).toList();
    }
}
