package dev.atsrelay.marketplace.account;

import java.time.Instant;

/**
 * An agency's marketplace account with a vendor: the Marketplace custom action it created in config-service and the
 * version of the vendor's configuration that action follows. {@code latestVersion} is the vendor's newest.
 */
public record Account(String id, String tenantId, String vendorId, String vendorName, String actionId, String state,
                      int configVersion, int latestVersion, Adjustments adjustments, Instant createdAt, Instant updatedAt) {

    public boolean updateAvailable() {
        return "connected".equals(state) && latestVersion > configVersion;
    }
}
