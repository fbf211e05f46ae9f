package dev.atsrelay.config.marketplace;

import java.time.Instant;

/**
 * A vendor session marketplace-service opened for one invocation: its id (which travels to the vendor), when it
 * expires (every copy of its data must be gone by then) and when it was created (the 7-day promise counts from here).
 */
public record VendorSession(String sessionId, Instant expiresAt, Instant createdAt) {
}
