package dev.atsrelay.config.webhook;

import dev.atsrelay.config.id.TenantId;
import java.time.Instant;
import java.util.List;

/** A tenant's subscription: one endpoint, the event types it wants, and how to sign what it receives. */
record Webhook(WebhookId id, TenantId tenantId, String url, String description, List<String> eventTypes,
               boolean enabled, List<SigningSecret> secrets, long version, Instant createdAt, Instant updatedAt) {
}
