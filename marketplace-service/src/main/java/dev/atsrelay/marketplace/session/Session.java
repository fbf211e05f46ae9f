package dev.atsrelay.marketplace.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A vendor session: opened when a marketplace action runs, bound to one tenant, vendor, action and its records, usable
 * by that vendor only, and deleted with everything derived from it at {@code expiresAt} (before 7 days are over).
 */
public record Session(String id, String invocationId, String tenantId, String vendorId, String actionId,
                      List<RecordRef> records, Map<String, Object> context, Instant createdAt, Instant expiresAt) {

    boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether a second open of the same invocation names the same binding (then it gets the same session). */
    boolean sameBinding(String tenant, String vendor, String action) {
        return tenantId.equals(tenant) && vendorId.equals(vendor) && actionId.equals(action);
    }

    /** The session's record with this area and id, if it is bound to it. */
    RecordRef record(String area, String recordId) {
        return records.stream().filter(r -> r.area().equals(area) && r.recordId().equals(recordId)).findFirst().orElse(null);
    }
}
