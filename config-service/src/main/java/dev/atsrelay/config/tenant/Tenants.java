package dev.atsrelay.config.tenant;

import dev.atsrelay.config.id.TenantId;

import dev.atsrelay.config.outbox.Outbox;
import dev.atsrelay.config.outbox.OutboxTopic;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class Tenants {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;

    Tenants(DatabaseClient db, Outbox outbox, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The record on the configuration topic, key {@code tenant:<id>}. */
    record TenantRecord(String type, String id, String name) {
    }

    Mono<Tenant> create(String name) {
        Tenant tenant = new Tenant(TenantId.generate(), name, clock.instant());
        return db.sql("INSERT INTO tenant (id, name, created_at) VALUES (:id, :name, :now)")
                .bind("id", tenant.id().value()).bind("name", name)
                .bind("now", tenant.createdAt().atOffset(ZoneOffset.UTC))
                .then()
                .then(outbox.append(OutboxTopic.CONFIG, "tenant:" + tenant.id(),
                        new TenantRecord("tenant", tenant.id().value(), name)))
                .thenReturn(tenant);
    }

    Mono<Tenant> find(TenantId id) {
        return db.sql("SELECT id, name, created_at FROM tenant WHERE id = :id").bind("id", id.value())
                .map(row -> new Tenant(new TenantId(row.get("id", String.class)), row.get("name", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .one();
    }

}
