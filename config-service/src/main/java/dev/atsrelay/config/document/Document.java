package dev.atsrelay.config.document;

import dev.atsrelay.config.id.TenantId;
import java.time.Instant;

/** One configuration document of a tenant: its kind, id, typed body and version. */
public record Document<T>(String kind, TenantId tenant, String id, T body, long version, Instant createdAt,
                          Instant updatedAt) {

    /** The next version with another body. */
    public Document<T> with(T next, Instant now) {
        return new Document<>(kind, tenant, id, next, version + 1, createdAt, now);
    }
}
