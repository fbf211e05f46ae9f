package dev.atsrelay.config.webhook;

import dev.atsrelay.config.outbox.Outbox;
import dev.atsrelay.config.outbox.OutboxTopic;
import dev.atsrelay.config.id.TenantId;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Webhook rows and their records on the configuration topic, written in one transaction. */
@Component
class Webhooks {

    private static final TypeReference<List<SigningSecret>> SECRETS = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final Outbox outbox;
    private final JsonMapper json;

    Webhooks(DatabaseClient db, Outbox outbox, JsonMapper json) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
    }

    /** The record on the configuration topic, key {@code webhook:<id>}: what the dispatcher needs to deliver. */
    record WebhookRecord(String type, String id, String tenantId, long version, String url, List<String> eventTypes,
                         boolean enabled, List<SecretRecord> secrets) {
    }

    record SecretRecord(String id, String ciphertext, Instant expiresAt) {
    }

    Mono<Webhook> insert(Webhook w) {
        return db.sql("""
                        INSERT INTO webhook (id, tenant_id, url, description, event_types, enabled, secrets, version,
                                             created_at, updated_at)
                        VALUES (:id, :tenant, :url, :description, :types, :enabled, :secrets, :version, :created, :updated)""")
                .bind("id", w.id().value()).bind("tenant", w.tenantId().value()).bind("url", w.url())
                .bind("description", w.description() == null ? "" : w.description())
                .bind("types", w.eventTypes().toArray(String[]::new)).bind("enabled", w.enabled())
                .bind("secrets", Json.of(json.writeValueAsString(w.secrets()))).bind("version", w.version())
                .bind("created", w.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updated", w.updatedAt().atOffset(ZoneOffset.UTC))
                .then()
                .then(publish(w))
                .thenReturn(w);
    }

    Mono<Webhook> find(TenantId tenant, String id) {
        return db.sql("SELECT * FROM webhook WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenant.value()).map(this::webhook).one();
    }

    Flux<Webhook> list(TenantId tenant) {
        return db.sql("SELECT * FROM webhook WHERE tenant_id = :tenant ORDER BY id")
                .bind("tenant", tenant.value()).map(this::webhook).all();
    }

    Mono<Boolean> delete(TenantId tenant, String id) {
        return db.sql("DELETE FROM webhook WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenant.value()).fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.just(false)
                        : outbox.append(OutboxTopic.CONFIG, "webhook:" + id, null).thenReturn(true));
    }

    private Mono<Void> publish(Webhook w) {
        var secrets = w.secrets().stream().map(s -> new SecretRecord(s.id(), s.ciphertext(), s.expiresAt())).toList();
        return outbox.append(OutboxTopic.CONFIG, "webhook:" + w.id(), new WebhookRecord("webhook", w.id().value(),
                w.tenantId().value(), w.version(), w.url(), w.eventTypes(), w.enabled(), secrets));
    }

    private Webhook webhook(Readable row) {
        return new Webhook(new WebhookId(row.get("id", String.class)), new TenantId(row.get("tenant_id", String.class)),
                row.get("url", String.class), row.get("description", String.class),
                Arrays.asList(row.get("event_types", String[].class)), Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                json.readValue(row.get("secrets", Json.class).asString(), SECRETS), row.get("version", Long.class),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }
}
