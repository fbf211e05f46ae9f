package dev.atsrelay.marketplace.account;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Accounts in PostgreSQL (table {@code account}; Flyway V2), read with the vendor's name and latest version. */
@Component
class AccountStore {

    private static final String SELECT = "SELECT a.*, v.name AS vendor_name, v.latest_version FROM account a "
            + "JOIN vendor v ON v.id = a.vendor_id ";

    private final DatabaseClient db;
    private final JsonMapper json;

    AccountStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Claims the (tenant, vendor) pair in state {@code connecting}; false if an account exists, unless it is a
     * {@code connecting} row last touched before {@code stale} (a crash mid-connect), which is taken over.
     */
    Mono<Boolean> reserve(String id, String tenantId, String vendorId, int version, Adjustments adj, Instant now, Instant stale) {
        return db.sql("INSERT INTO account (id, tenant_id, vendor_id, state, config_version, adjustments, created_at, updated_at) "
                        + "VALUES (:id, :tenant, :vendor, 'connecting', :version, :adj, :now, :now) "
                        + "ON CONFLICT (tenant_id, vendor_id) DO UPDATE SET id = EXCLUDED.id, config_version = EXCLUDED.config_version, "
                        + "adjustments = EXCLUDED.adjustments, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at "
                        + "WHERE account.state = 'connecting' AND account.updated_at < :stale")
                .bind("id", id).bind("tenant", tenantId).bind("vendor", vendorId).bind("version", version)
                .bind("adj", Json.of(json.writeValueAsString(adj))).bind("now", utc(now)).bind("stale", utc(stale))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Void> release(String id) {
        return db.sql("DELETE FROM account WHERE id = :id AND state = 'connecting'").bind("id", id).then();
    }

    Mono<Void> connected(String id, String actionId, Instant now) {
        return db.sql("UPDATE account SET state = 'connected', action_id = :action, updated_at = :now WHERE id = :id")
                .bind("action", actionId).bind("now", utc(now)).bind("id", id).then();
    }

    Mono<Void> applied(String id, int version, Adjustments adj, Instant now) {
        return db.sql("UPDATE account SET config_version = :version, adjustments = :adj, updated_at = :now WHERE id = :id")
                .bind("version", version).bind("adj", Json.of(json.writeValueAsString(adj))).bind("now", utc(now))
                .bind("id", id).then();
    }

    Mono<Account> find(String tenantId, String id) {
        return db.sql(SELECT + "WHERE a.id = :id AND a.tenant_id = :tenant").bind("id", id).bind("tenant", tenantId)
                .map(this::account).one();
    }

    Flux<Account> all(String tenantId) {
        return db.sql(SELECT + "WHERE a.tenant_id = :tenant ORDER BY a.id").bind("tenant", tenantId).map(this::account).all();
    }

    Mono<Boolean> connected(String tenantId, String vendorId) {
        return db.sql("SELECT 1 FROM account WHERE tenant_id = :tenant AND vendor_id = :vendor AND state = 'connected'")
                .bind("tenant", tenantId).bind("vendor", vendorId).fetch().first().hasElement();
    }

    private Account account(Readable row) {
        return new Account(row.get("id", String.class), row.get("tenant_id", String.class), row.get("vendor_id", String.class),
                row.get("vendor_name", String.class), row.get("action_id", String.class), row.get("state", String.class),
                row.get("config_version", Integer.class), row.get("latest_version", Integer.class),
                json.readValue(row.get("adjustments", Json.class).asString(), Adjustments.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
