package dev.atsrelay.marketplace.credential;

import dev.atsrelay.marketplace.id.Ids;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Vendor API keys (scope {@code vendor}): issued here, shown once, stored as SHA-256 in {@code vendor_key}. */
@Component
public class VendorKeys {

    /** A key as issued: {@code key} is the plaintext, returned in that one answer and never again. */
    public record Issued(String id, String key, Instant createdAt) {
    }

    private final DatabaseClient db;

    VendorKeys(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Issued> issue(String vendorId, Instant now) {
        Issued issued = new Issued(Ids.next("vk"), ApiKeyHash.newVendorKey(), now);
        return db.sql("INSERT INTO vendor_key (id, vendor_id, hash, created_at) VALUES (:id, :vendor, :hash, :at)")
                .bind("id", issued.id()).bind("vendor", vendorId).bind("hash", ApiKeyHash.hash(issued.key()))
                .bind("at", now.atOffset(ZoneOffset.UTC)).then().thenReturn(issued);
    }

    /** True if the key existed and was not revoked yet. */
    public Mono<Boolean> revoke(String vendorId, String keyId, Instant now) {
        return db.sql("UPDATE vendor_key SET revoked_at = :at WHERE id = :id AND vendor_id = :vendor AND revoked_at IS NULL")
                .bind("at", now.atOffset(ZoneOffset.UTC)).bind("id", keyId).bind("vendor", vendorId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** The vendor whose live key this is; empty if none. */
    Mono<String> vendorOf(String key) {
        return db.sql("SELECT vendor_id FROM vendor_key WHERE hash = :hash AND revoked_at IS NULL")
                .bind("hash", ApiKeyHash.hash(key)).map(row -> row.get("vendor_id", String.class)).one();
    }
}
