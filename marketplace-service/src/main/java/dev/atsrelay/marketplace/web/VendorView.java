package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.credential.VendorKeys;
import dev.atsrelay.marketplace.vendor.Vendor;
import dev.atsrelay.marketplace.vendor.VendorConfiguration;
import java.time.Instant;
import java.util.List;

/** A vendor of the catalogue; {@code apiKey} only in the answer that issued it. */
record VendorView(String id, String name, String description, List<String> capabilities, int version,
                  VendorConfiguration configuration, Instant createdAt, Instant configuredAt, KeyView apiKey) {

    /** An issued vendor key: {@code key} is shown in this answer only. */
    record KeyView(String id, String key, Instant createdAt) {

        static KeyView of(VendorKeys.Issued issued) {
            return new KeyView(issued.id(), issued.key(), issued.createdAt());
        }
    }

    static VendorView of(Vendor v, VendorKeys.Issued key) {
        return new VendorView(v.id(), v.name(), v.description(), v.capabilities(), v.version(), v.configuration(),
                v.createdAt(), v.configuredAt(), key == null ? null : KeyView.of(key));
    }
}
