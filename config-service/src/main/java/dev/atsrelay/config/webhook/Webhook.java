package dev.atsrelay.config.webhook;

import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.secret.SigningSecret;
import dev.atsrelay.config.testdelivery.TestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's subscription: one endpoint, the event types it wants, its filters and delivery settings, and the secrets
 * that sign what it receives. It is created {@code pending_test}, and a passing Test lets it be activated (Save);
 * it receives events only while active and enabled. The transitions below are the only ways its state changes.
 */
record Webhook(WebhookId id, TenantId tenantId, String url, String description, List<String> eventTypes, Filters filters,
               DeliverySettings settings, Status status, boolean enabled, String disabledReason,
               List<SigningSecret> secrets, TestResult lastTest, long version, Instant createdAt, Instant updatedAt) {

    enum Status { PENDING_TEST, ACTIVE }

    boolean delivering() {
        return status == Status.ACTIVE && enabled;
    }

    /** The last test, if it passed for {@code url} within {@code validity} before {@code now}. */
    boolean passedTestOf(String candidateUrl, Instant now, Duration validity) {
        return lastTest != null && lastTest.passed() && lastTest.url().equals(candidateUrl)
                && !lastTest.at().isBefore(now.minus(validity));
    }

    Webhook activated(Instant now, Duration validity, boolean skipTest) {
        if (!skipTest && !passedTestOf(url, now, validity)) {
            throw new TestRequired(url, validity);
        }
        return new Webhook(id, tenantId, url, description, eventTypes, filters, settings, Status.ACTIVE, true, null,
                secrets, lastTest, version + 1, createdAt, now);
    }

    /** A changed URL of an active webhook must have passed a test first; a pending webhook stays pending. */
    Webhook changed(String newUrl, String newDescription, List<String> newTypes, Filters newFilters,
                    DeliverySettings newSettings, Instant now, Duration validity) {
        if (status == Status.ACTIVE && !newUrl.equals(url) && !passedTestOf(newUrl, now, validity)) {
            throw new TestRequired(newUrl, validity);
        }
        return new Webhook(id, tenantId, newUrl, newDescription, newTypes, newFilters, newSettings, status, enabled,
                disabledReason, secrets, lastTest, version + 1, createdAt, now);
    }

    Webhook withSecrets(List<SigningSecret> rotated, Instant now) {
        return new Webhook(id, tenantId, url, description, eventTypes, filters, settings, status, enabled, disabledReason,
                rotated, lastTest, version + 1, createdAt, now);
    }

    Webhook enabled(boolean on, String reason, Instant now) {
        return new Webhook(id, tenantId, url, description, eventTypes, filters, settings, status, on, on ? null : reason,
                secrets, lastTest, version + 1, createdAt, now);
    }
}
