package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which endpoints are failing, since when, and which the dispatcher disabled. Kept in memory and written only when it
 * changes (first failure after a success, recovery, disabling), so a healthy delivery costs no database round trip.
 *
 * <p>An endpoint that has only failed for {@code disableAfter} — or answered 410 Gone — is disabled, once across all
 * instances, at its current configuration version: nothing more is sent to it until config-service has a newer,
 * enabled version (its owner re-enabled it), whether or not config-service has processed the notice yet. The
 * {@code endpoint.disabled} notice is sent outbox-style: the health check sends it again until Kafka acknowledges it.
 */
@Component
public class EndpointHealth {

    private static final Logger log = LoggerFactory.getLogger(EndpointHealth.class);

    private final DatabaseClient db;
    private final SubscriptionIndex subscriptions;
    private final Notices notices;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Map<String, Instant> failing = new ConcurrentHashMap<>();
    /** Endpoint id → the configuration version it was disabled at. */
    private final Map<String, Long> disabled = new ConcurrentHashMap<>();

    EndpointHealth(DatabaseClient db, SubscriptionIndex subscriptions, Notices notices, DeliveryProperties properties, Clock clock) {
        this.db = db;
        this.subscriptions = subscriptions;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    /** Since when the endpoint has been failing, or null. */
    public Instant failingSince(String endpointId) {
        return failing.get(endpointId);
    }

    /** Whether the dispatcher disabled this version of the endpoint (a newer version means its owner re-enabled it). */
    public boolean disabled(Subscription s) {
        Long version = disabled.get(s.id());
        if (version == null) {
            return false;
        }
        if (s.enabled() && s.version() > version) {
            // re-enabled: start with a clean record; the refresh removes the stored one
            disabled.remove(s.id(), version);
            failing.remove(s.id());
            return false;
        }
        return true;
    }

    Mono<Void> succeeded(String endpointId) {
        if (failing.remove(endpointId) == null) {
            return Mono.empty();
        }
        return db.sql("UPDATE endpoint_health SET failing_since = NULL WHERE endpoint_id = :id AND disabled_at IS NULL")
                .bind("id", endpointId).then();
    }

    Mono<Void> failed(Subscription s, Instant at) {
        if (failing.putIfAbsent(s.id(), at) != null) {
            return Mono.empty();
        }
        // a record of a disable that the owner has since undone (a newer version) starts over; a current one stays
        return db.sql("""
                        INSERT INTO endpoint_health (endpoint_id, tenant_id, failing_since) VALUES (:id, :tenant, :at)
                        ON CONFLICT (endpoint_id) DO UPDATE SET
                            failing_since = CASE WHEN endpoint_health.disabled_version < :version THEN excluded.failing_since
                                ELSE COALESCE(endpoint_health.failing_since, excluded.failing_since) END,
                            disabled_at = CASE WHEN endpoint_health.disabled_version < :version THEN NULL ELSE endpoint_health.disabled_at END,
                            disabled_reason = CASE WHEN endpoint_health.disabled_version < :version THEN NULL ELSE endpoint_health.disabled_reason END,
                            notified_at = CASE WHEN endpoint_health.disabled_version < :version THEN NULL ELSE endpoint_health.notified_at END,
                            disabled_version = CASE WHEN endpoint_health.disabled_version < :version THEN NULL ELSE endpoint_health.disabled_version END""")
                .bind("id", s.id()).bind("tenant", s.tenantId()).bind("at", at.atOffset(ZoneOffset.UTC)).bind("version", s.version())
                .then();
    }

    /** 410 Gone: disabled at once. */
    Mono<Void> gone(Subscription s, Instant at) {
        return failed(s, at).then(disable(s.id(), s.version(), "gone", at));
    }

    /**
     * Disables endpoints that have failed, and only failed, for longer than the configured period, and sends the
     * notices not yet acknowledged.
     */
    @Scheduled(fixedDelayString = "${atsrelay.dispatcher.delivery.health-check-interval:PT1M}")
    void disableLongFailing() {
        Instant now = clock.instant();
        db.sql("SELECT endpoint_id FROM endpoint_health WHERE disabled_at IS NULL AND failing_since < :cutoff")
                .bind("cutoff", now.minus(properties.disableAfter()).atOffset(ZoneOffset.UTC))
                .map(row -> row.get("endpoint_id", String.class)).all()
                .concatMap(id -> {
                    Subscription s = subscriptions.find(id);
                    return s == null ? Mono.empty() : disable(id, s.version(), "failing", now);
                })
                .thenMany(db.sql("SELECT endpoint_id FROM endpoint_health WHERE disabled_at IS NOT NULL AND notified_at IS NULL")
                        .map(row -> row.get("endpoint_id", String.class)).all())
                .concatMap(this::notify)
                .onErrorResume(e -> {
                    log.warn("endpoint health check failed, will retry: {}", e.toString());
                    return Flux.empty();
                })
                .blockLast();
    }

    /** Marks it disabled once (whichever instance gets there first publishes the notice). */
    private Mono<Void> disable(String endpointId, long version, String reason, Instant now) {
        return db.sql("UPDATE endpoint_health SET disabled_at = :now, disabled_version = :version, disabled_reason = :reason "
                        + "WHERE endpoint_id = :id AND disabled_at IS NULL RETURNING endpoint_id")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("version", version).bind("reason", reason).bind("id", endpointId)
                .map(row -> row.get("endpoint_id", String.class)).one()
                .flatMap(id -> {
                    disabled.put(id, version);
                    return notify(id).onErrorResume(e -> {
                        log.warn("endpoint.disabled for {} not sent yet ({}); the health check sends it again", id, e.toString());
                        return Mono.empty();
                    });
                });
    }

    /** Publishes the endpoint's endpoint.disabled notice and records that Kafka acknowledged it. */
    private Mono<Void> notify(String endpointId) {
        return db.sql("""
                        SELECT h.tenant_id, h.failing_since, h.disabled_at, h.disabled_reason,
                               (SELECT a.http_status FROM attempt a WHERE a.tenant_id = h.tenant_id AND a.endpoint_id = h.endpoint_id
                                AND a.source_topic IS NOT NULL ORDER BY a.id DESC LIMIT 1) AS last_status
                        FROM endpoint_health h WHERE h.endpoint_id = :id AND h.disabled_at IS NOT NULL""")
                .bind("id", endpointId)
                .map(row -> new Object[] {row.get("tenant_id", String.class), row.get("failing_since", OffsetDateTime.class),
                        row.get("disabled_at", OffsetDateTime.class), row.get("disabled_reason", String.class),
                        row.get("last_status", Integer.class)})
                .one()
                .flatMap(r -> {
                    Subscription s = subscriptions.find(endpointId);
                    OffsetDateTime disabledAt = (OffsetDateTime) r[2];
                    Instant since = r[1] == null ? disabledAt.toInstant() : ((OffsetDateTime) r[1]).toInstant();
                    log.warn("disabling endpoint {} of tenant {}: {} since {}", endpointId, r[0], r[3], since);
                    return notices.endpointDisabled((String) r[0], endpointId, s == null ? null : s.url(), (String) r[3], since,
                                    disabledAt.toInstant(), (Integer) r[4])
                            .then(db.sql("UPDATE endpoint_health SET notified_at = :now WHERE endpoint_id = :id AND disabled_at = :at")
                                    .bind("now", clock.instant().atOffset(ZoneOffset.UTC)).bind("id", endpointId)
                                    .bind("at", disabledAt).then());
                });
    }

    /**
     * Shares what every instance saw: loads the endpoints marked failing or disabled (so that a success here clears a
     * failure another instance recorded, also after a restart), and drops the record of a re-enabled endpoint.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${atsrelay.dispatcher.delivery.health-refresh-interval:PT30S}")
    void refresh() {
        try {
            db.sql("SELECT endpoint_id, failing_since, disabled_version FROM endpoint_health")
                    .map(row -> new Object[] {row.get("endpoint_id", String.class), row.get("failing_since", OffsetDateTime.class),
                            row.get("disabled_version", Long.class)})
                    .all()
                    .concatMap(r -> {
                        String id = (String) r[0];
                        Long version = (Long) r[2];
                        Subscription s = subscriptions.find(id);
                        if (version != null && s != null && s.enabled() && s.version() > version) {
                            disabled.remove(id);
                            failing.remove(id);
                            return db.sql("DELETE FROM endpoint_health WHERE endpoint_id = :id AND disabled_version = :version")
                                    .bind("id", id).bind("version", version).then();
                        }
                        if (version != null) {
                            disabled.put(id, version);
                        } else {
                            disabled.remove(id);
                        }
                        if (r[1] != null) {
                            failing.putIfAbsent(id, ((OffsetDateTime) r[1]).toInstant());
                        }
                        return Mono.empty();
                    })
                    .then().block();
        } catch (RuntimeException e) {
            log.warn("endpoint health refresh failed, will retry: {}", e.toString());
        }
    }
}
