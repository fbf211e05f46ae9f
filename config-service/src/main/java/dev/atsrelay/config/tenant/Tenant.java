package dev.atsrelay.config.tenant;

import dev.atsrelay.config.id.TenantId;

import java.time.Instant;

/** One agency: every other resource belongs to exactly one tenant. */
record Tenant(TenantId id, String name, Instant createdAt) {
}
