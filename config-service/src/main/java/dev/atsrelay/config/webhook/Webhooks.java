package dev.atsrelay.config.webhook;

import dev.atsrelay.config.api.ConcurrentModification;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.outbox.Outbox;
import dev.atsrelay.config.outbox.OutboxTopic;
import dev.atsrelay.config.secret.SigningSecret;
import dev.atsrelay.config.testdelivery.TestResult;
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

/** Webhook rows and their records on the configuration topic, written in the caller's transaction. */
@Component
class Webhooks {

    private static final TypeReference<List<SigningSecret>> SECRETS = new TypeReference<>() {
    };
    private static final String COLUMNS = "url = :url, description = :description, event_types = :types, "
            + "filters = :filters, settings = :settings, status = :status, enabled = :enabled, "
            + "disabled_reason = :disabledReason, secrets = :secrets, version = :version, updated_at = :updated";

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
                         String status, boolean enabled, Filters filters, DeliverySettings settings,
                         List<SecretRecord> secrets) {
    }

    record SecretRecord(String id, String ciphertext, Instant expiresAt) {
    }

    Mono<Webhook> insert(Webhook w) {
        return bindAll(db.sql("INSERT INTO webhook (id, tenant_id, url, description, event_types, filters, settings, status, "
                        + "enabled, disabled_reason, secrets, version, created_at, updated_at) VALUES (:id, :tenant, :url, "
                        + ":description, :types, :filters, :settings, :status, :enabled, :disabledReason, :secrets, :version, "
                        + ":created, :updated)"), w)
                .bind("created", w.createdAt().atOffset(ZoneOffset.UTC))
                .then().then(publish(w)).thenReturn(w);
    }

    /** Writes the next version of {@code w}; fails if another change was written since it was read. */
    Mono<Webhook> update(Webhook w) {
        return bindAll(db.sql("UPDATE webhook SET " + COLUMNS
                        + " WHERE id = :id AND tenant_id = :tenant AND version = :previous"), w)
                .bind("previous", w.version() - 1)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? publish(w).thenReturn(w) : Mono.error(new ConcurrentModification("webhook " + w.id())));
    }

    /** Records the last test; not a configuration change, so neither the version nor the topic moves. */
    Mono<Void> saveLastTest(TenantId tenant, WebhookId id, TestResult result) {
        return db.sql("UPDATE webhook SET last_test = :test WHERE id = :id AND tenant_id = :tenant")
                .bind("test", Json.of(json.writeValueAsString(result))).bind("id", id.value()).bind("tenant", tenant.value())
                .then();
    }

    Mono<Webhook> find(TenantId tenant, String id) {
        return db.sql("SELECT * FROM webhook WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenant.value()).map(this::webhook).one();
    }

    /** Up to {@code limit + 1} webhooks after the cursor, in id (creation) order. */
    Flux<Webhook> list(TenantId tenant, String after, int limit) {
        return db.sql("SELECT * FROM webhook WHERE tenant_id = :tenant AND id > :after ORDER BY id LIMIT :limit")
                .bind("tenant", tenant.value()).bind("after", after == null ? "" : after).bind("limit", limit + 1)
                .map(this::webhook).all();
    }

    Mono<Boolean> delete(TenantId tenant, String id, long version) {
        return db.sql("DELETE FROM webhook WHERE id = :id AND tenant_id = :tenant AND version = :version")
                .bind("id", id).bind("tenant", tenant.value()).bind("version", version).fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(new ConcurrentModification("webhook " + id))
                        : outbox.append(OutboxTopic.CONFIG, "webhook:" + id, null).thenReturn(true));
    }

    private DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Webhook w) {
        spec = spec.bind("id", w.id().value()).bind("tenant", w.tenantId().value()).bind("url", w.url())
                .bind("description", w.description() == null ? "" : w.description())
                .bind("types", w.eventTypes().toArray(String[]::new))
                .bind("filters", Json.of(json.writeValueAsString(w.filters())))
                .bind("settings", Json.of(json.writeValueAsString(w.settings())))
                .bind("status", w.status().name().toLowerCase(java.util.Locale.ROOT))
                .bind("enabled", w.enabled())
                .bind("secrets", Json.of(json.writeValueAsString(w.secrets())))
                .bind("version", w.version())
                .bind("updated", w.updatedAt().atOffset(ZoneOffset.UTC));
        return w.disabledReason() == null ? spec.bindNull("disabledReason", String.class)
                : spec.bind("disabledReason", w.disabledReason());
    }

    private Mono<Void> publish(Webhook w) {
        var secrets = w.secrets().stream().map(s -> new SecretRecord(s.id(), s.ciphertext(), s.expiresAt())).toList();
        return outbox.append(OutboxTopic.CONFIG, "webhook:" + w.id(), new WebhookRecord("webhook", w.id().value(),
                w.tenantId().value(), w.version(), w.url(), w.eventTypes(), w.status().name().toLowerCase(java.util.Locale.ROOT),
                w.enabled(), w.filters(), w.settings(), secrets));
    }

    private Webhook webhook(Readable row) {
        Json lastTest = row.get("last_test", Json.class);
        return new Webhook(new WebhookId(row.get("id", String.class)), new TenantId(row.get("tenant_id", String.class)),
                row.get("url", String.class), row.get("description", String.class),
                Arrays.asList(row.get("event_types", String[].class)),
                json.readValue(row.get("filters", Json.class).asString(), Filters.class),
                json.readValue(row.get("settings", Json.class).asString(), DeliverySettings.class),
                Webhook.Status.valueOf(row.get("status", String.class).toUpperCase(java.util.Locale.ROOT)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("disabled_reason", String.class),
                json.readValue(row.get("secrets", Json.class).asString(), SECRETS),
                lastTest == null ? null : json.readValue(lastTest.asString(), TestResult.class),
                row.get("version", Long.class), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }
}
