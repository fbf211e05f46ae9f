package dev.atsrelay.config.credential;

import dev.atsrelay.config.id.Ids;
import dev.atsrelay.config.outbox.Outbox;
import dev.atsrelay.config.outbox.OutboxTopic;
import dev.atsrelay.config.id.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issues, lists, revokes and checks API keys. A key's record (id, tenant, hash, scopes — never the key) is published
 * on the configuration topic so that every service checks keys locally.
 */
@Component
public class ApiKeys {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;

    ApiKeys(DatabaseClient db, Outbox outbox, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A key as listed: everything but the secret. */
    public record ApiKey(String id, TenantId tenantId, String name, Set<Scope> scopes, Instant createdAt) {
    }

    /** The answer to issuing a key: the only time the plaintext key is shown. */
    public record IssuedKey(String id, String name, Set<Scope> scopes, String key, Instant createdAt) {
    }

    /** The record on the configuration topic, key {@code api_key:<id>}. */
    record ApiKeyRecord(String type, String id, String tenantId, String hash, List<String> scopes) {
    }

    /** Issues a key; call inside the transaction of the change that needs it. */
    public Mono<IssuedKey> issue(TenantId tenant, String name, Set<Scope> scopes) {
        String id = Ids.next("key");
        String key = ApiKeyHash.newKey();
        String hash = ApiKeyHash.hash(key);
        Instant now = clock.instant();
        String[] scopeValues = scopes.stream().map(Scope::value).sorted().toArray(String[]::new);
        return db.sql("""
                        INSERT INTO api_key (id, tenant_id, name, hash, scopes, created_at)
                        VALUES (:id, :tenant, :name, :hash, :scopes, :now)""")
                .bind("id", id).bind("tenant", tenant.value()).bind("name", name).bind("hash", hash)
                .bind("scopes", scopeValues).bind("now", now.atOffset(ZoneOffset.UTC))
                .then()
                .then(outbox.append(OutboxTopic.CONFIG, "api_key:" + id,
                        new ApiKeyRecord("api_key", id, tenant.value(), hash, List.of(scopeValues))))
                .thenReturn(new IssuedKey(id, name, scopes, key, now));
    }

    Flux<ApiKey> list(TenantId tenant) {
        return db.sql("SELECT id, tenant_id, name, scopes, created_at FROM api_key WHERE tenant_id = :tenant AND revoked_at IS NULL ORDER BY id")
                .bind("tenant", tenant.value())
                .map(row -> new ApiKey(row.get("id", String.class), new TenantId(row.get("tenant_id", String.class)),
                        row.get("name", String.class), scopes(row.get("scopes", String[].class)),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Revokes a key of the tenant; false if it has no such live key. */
    Mono<Boolean> revoke(TenantId tenant, String id) {
        return db.sql("UPDATE api_key SET revoked_at = :now WHERE id = :id AND tenant_id = :tenant AND revoked_at IS NULL")
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC)).bind("id", id).bind("tenant", tenant.value())
                .fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.just(false)
                        : outbox.append(OutboxTopic.CONFIG, "api_key:" + id, null).thenReturn(true));
    }

    /** The caller behind a presented key, or empty if it matches no live key. */
    Mono<Caller> authenticate(String presentedKey) {
        return db.sql("SELECT tenant_id, scopes FROM api_key WHERE hash = :hash AND revoked_at IS NULL")
                .bind("hash", ApiKeyHash.hash(presentedKey))
                .map(row -> new Caller(new TenantId(row.get("tenant_id", String.class)),
                        scopes(row.get("scopes", String[].class)), false))
                .one();
    }

    private static Set<Scope> scopes(String[] values) {
        return Arrays.stream(values).map(Scope::of).collect(Collectors.toUnmodifiableSet());
    }
}
