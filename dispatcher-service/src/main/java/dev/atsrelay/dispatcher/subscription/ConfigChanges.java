package dev.atsrelay.dispatcher.subscription;

import dev.atsrelay.dispatcher.webhook.SigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configuration topic's webhook records to the index, decrypting their secrets on the way. The record
 * shapes are the contract with config-service (docs/topics.md, "ats.config.v1").
 */
public final class ConfigChanges {

    private static final Logger log = LoggerFactory.getLogger(ConfigChanges.class);

    /** Value of a {@code webhook:<id>} record. */
    public record WebhookRecord(String id, String tenantId, long version, String url, List<String> eventTypes,
                                String status, boolean enabled, List<SecretRecord> secrets, Filter filters,
                                SettingsRecord settings) {
    }

    /** The delivery settings as config-service publishes them. */
    public record SettingsRecord(Integer rateLimitPerSecond, Boolean fifo, Integer timeoutMs, Integer maxConcurrent) {

        Subscription.Settings settings() {
            return new Subscription.Settings(rateLimitPerSecond, Boolean.TRUE.equals(fifo),
                    timeoutMs == null ? null : java.time.Duration.ofMillis(timeoutMs), maxConcurrent);
        }
    }

    public record SecretRecord(String id, String ciphertext, Instant expiresAt) {
    }

    private final SubscriptionIndex index;
    private final SecretCipher cipher;

    ConfigChanges(SubscriptionIndex index, SecretCipher cipher) {
        this.index = index;
        this.cipher = cipher;
    }

    public void webhookChanged(WebhookRecord r) {
        try {
            // a webhook is delivered to once it passed its Test (active) and while it is enabled
            index.put(new Subscription(r.id(), r.tenantId(), r.version(), r.url(), Set.copyOf(r.eventTypes()),
                    r.enabled() && "active".equals(r.status()), secrets(r.id(), r.secrets()),
                    r.filters() == null ? Filter.NONE : r.filters(),
                    r.settings() == null ? Subscription.Settings.DEFAULT : r.settings().settings()));
        } catch (IllegalArgumentException e) {
            // never log the record: it carries ciphertexts; the message names the webhook and the key id only
            log.error("cannot use webhook {} (version {}): {}", r.id(), r.version(), e.getMessage());
            index.remove(r.id());
        }
    }

    /** Decrypts an endpoint's secrets (the ring holds the keys); the owner id is the ciphertexts' associated data. */
    public List<Subscription.Secret> secrets(String owner, List<SecretRecord> records) {
        return records.stream()
                .map(s -> new Subscription.Secret(new SigningKey(cipher.decrypt(s.ciphertext(), owner)), s.expiresAt()))
                .toList();
    }

    public void webhookDeleted(String id) {
        index.remove(id);
    }
}
