package dev.atsrelay.marketplace.vendor;

import dev.atsrelay.marketplace.api.Checks;
import dev.atsrelay.marketplace.credential.VendorKeys;
import dev.atsrelay.marketplace.id.Ids;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendor catalogue (tables {@code vendor}, {@code vendor_config}): registration by the operator with a first key,
 * and configuration versions published by the vendor. A new version changes nothing for connected agencies until
 * they apply it (account.Accounts).
 */
@Component
public class Vendors {

    /** A vendor as registered, with its first API key (shown once). */
    public record Registered(Vendor vendor, VendorKeys.Issued key) {
    }

    private static final String SELECT = "SELECT v.*, c.body, c.created_at AS configured_at FROM vendor v "
            + "JOIN vendor_config c ON c.vendor_id = v.id AND c.version = v.latest_version ";

    private final DatabaseClient db;
    private final VendorKeys keys;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final Clock clock;

    Vendors(DatabaseClient db, VendorKeys keys, TransactionalOperator tx, JsonMapper json, Clock clock) {
        this.db = db;
        this.keys = keys;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public Mono<Registered> register(String name, String description, List<String> capabilities, VendorConfiguration config) {
        VendorRules.registration(name, description, capabilities, config).orThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Vendor vendor = new Vendor(Ids.next("ven"), name.strip(), description, List.copyOf(capabilities), 1, config, now, now);
        var insert = db.sql("INSERT INTO vendor (id, name, description, capabilities, latest_version, created_at) "
                        + "VALUES (:id, :name, :description, :capabilities, 1, :at)")
                .bind("id", vendor.id()).bind("name", vendor.name())
                .bind("capabilities", Json.of(json.writeValueAsString(capabilities))).bind("at", utc(now));
        insert = description == null ? insert.bindNull("description", String.class) : insert.bind("description", description);
        return insert.then()
                .then(insertConfig(vendor.id(), 1, config, now))
                .then(keys.issue(vendor.id(), now))
                .map(key -> new Registered(vendor, key))
                .as(tx::transactional);
    }

    /** Publishes a new configuration version; connected agencies see that an update is available. */
    public Mono<Vendor> publish(String vendorId, VendorConfiguration config) {
        if (config == null) {
            throw dev.atsrelay.marketplace.api.InvalidField.of("", "a configuration is required");
        }
        VendorRules.configuration(config, "", new Checks()).orThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return db.sql("UPDATE vendor SET latest_version = latest_version + 1 WHERE id = :id RETURNING latest_version")
                .bind("id", vendorId).map(row -> row.get("latest_version", Integer.class)).one()
                .switchIfEmpty(Mono.error(() -> new VendorNotFound(vendorId)))
                .flatMap(version -> insertConfig(vendorId, version, config, now))
                .then(find(vendorId))
                .as(tx::transactional);
    }

    public Mono<Vendor> find(String id) {
        return db.sql(SELECT + "WHERE v.id = :id").bind("id", id).map(this::vendor).one()
                .switchIfEmpty(Mono.error(() -> new VendorNotFound(id)));
    }

    public Mono<Boolean> exists(String id) {
        return db.sql("SELECT 1 FROM vendor WHERE id = :id").bind("id", id).fetch().first().hasElement();
    }

    /** The whole catalogue by name; it holds tens or hundreds of vendors, not millions. */
    public Flux<Vendor> all() {
        return db.sql(SELECT + "ORDER BY lower(v.name), v.id").map(this::vendor).all();
    }

    /** One published version of a vendor's configuration. */
    public Mono<VendorConfiguration> configuration(String vendorId, int version) {
        return db.sql("SELECT body FROM vendor_config WHERE vendor_id = :id AND version = :version")
                .bind("id", vendorId).bind("version", version)
                .map(row -> json.readValue(row.get("body", Json.class).asString(), VendorConfiguration.class)).one()
                .switchIfEmpty(Mono.error(() -> new VendorNotFound(vendorId)));
    }

    public Mono<VendorKeys.Issued> issueKey(String vendorId) {
        return exists(vendorId).flatMap(known -> known ? keys.issue(vendorId, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                : Mono.error(new VendorNotFound(vendorId)));
    }

    public Mono<Boolean> revokeKey(String vendorId, String keyId) {
        return keys.revoke(vendorId, keyId, clock.instant());
    }

    private Mono<Void> insertConfig(String vendorId, int version, VendorConfiguration config, Instant now) {
        return db.sql("INSERT INTO vendor_config (vendor_id, version, body, created_at) VALUES (:id, :version, :body, :at)")
                .bind("id", vendorId).bind("version", version).bind("body", Json.of(json.writeValueAsString(config)))
                .bind("at", utc(now)).then();
    }

    private Vendor vendor(Readable row) {
        return new Vendor(row.get("id", String.class), row.get("name", String.class), row.get("description", String.class),
                json.readValue(row.get("capabilities", Json.class).asString(), new TypeReference<List<String>>() { }),
                row.get("latest_version", Integer.class),
                json.readValue(row.get("body", Json.class).asString(), VendorConfiguration.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("configured_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
