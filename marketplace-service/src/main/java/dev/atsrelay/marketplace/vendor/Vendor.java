package dev.atsrelay.marketplace.vendor;

import java.time.Instant;
import java.util.List;

/** A vendor of the catalogue, with its latest configuration ({@code version}). */
public record Vendor(String id, String name, String description, List<String> capabilities, int version,
                     VendorConfiguration configuration, Instant createdAt, Instant configuredAt) {
}
