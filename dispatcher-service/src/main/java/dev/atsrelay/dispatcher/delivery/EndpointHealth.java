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
import reactor.core.publisher.Mono;

/**
 * Which endpoints are failing, and since when. Kept in memory and written only when it changes (first failure after
 * a success, recovery), so a healthy delivery costs no database round trip. An endpoint that has only failed for
 * {@code disableAfter} — or answered 410 Gone — is disabled, once across all instances, and the platform is told.
 */
@Component
public class EndpointHealth {

    private static final Logger log = LoggerFactory.getLogger(EndpointHealth.class);

    private record State(Instant failingSince) {
    }

    private final DatabaseClient db;
    private final SubscriptionIndex subscriptions;
    private final Notices notices;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Map<String, State> failing = new ConcurrentHashMap<>();

    EndpointHealth(DatabaseClient db, SubscriptionIndex subscriptions, Notices notices, DeliveryProperties properties, Clock clock) {
        this.db = db;
        this.subscriptions = subscriptions;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    /** Since when the endpoint has been failing, or null. */
    public Instant failingSince(String endpointId) {
        State s = failing.get(endpointId);
        return s == null ? null : s.failingSince();
    }

    Mono<Void> succeeded(String endpointId) {
        if (failing.remove(endpointId) == null) {
            return Mono.empty();
        }
        return db.sql("UPDATE endpoint_health SET failing_since = NULL WHERE endpoint_id = :id").bind("id", endpointId).then();
    }

    Mono<Void> failed(String tenantId, String endpointId, int status, Instant at) {
        if (failing.putIfAbsent(endpointId, new State(at)) != null) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO endpoint_health (endpoint_id, tenant_id, failing_since, last_status) VALUES (:id, :tenant, :at, :status)
                        ON CONFLICT (endpoint_id) DO UPDATE SET failing_since = COALESCE(endpoint_health.failing_since, excluded.failing_since),
                            last_status = excluded.last_status""")
                .bind("id", endpointId).bind("tenant", tenantId).bind("at", at.atOffset(ZoneOffset.UTC)).bind("status", status)
                .then();
    }

    /** 410 Gone: disabled at once. */
    Mono<Void> gone(String tenantId, String endpointId, Instant at) {
        return failed(tenantId, endpointId, 410, at).then(disable(tenantId, endpointId, "gone", at, 410));
    }

    /** Disables endpoints that have failed, and only failed, for longer than the configured period. */
    @Scheduled(fixedDelayString = "${atsrelay.dispatcher.delivery.health-check-interval:PT1M}")
    void disableLongFailing() {
        Instant now = clock.instant();
        db.sql("SELECT endpoint_id, tenant_id, failing_since, last_status FROM endpoint_health "
                        + "WHERE disabled_at IS NULL AND failing_since < :cutoff")
                .bind("cutoff", now.minus(properties.disableAfter()).atOffset(ZoneOffset.UTC))
                .map(row -> new Object[] {row.get("endpoint_id", String.class), row.get("tenant_id", String.class),
                        row.get("failing_since", OffsetDateTime.class).toInstant(), row.get("last_status", Integer.class)})
                .all()
                .concatMap(r -> disable((String) r[1], (String) r[0], "failing", now, (Integer) r[3]))
                .onErrorResume(e -> {
                    log.warn("endpoint health check failed, will retry: {}", e.toString());
                    return Mono.empty();
                })
                .blockLast();
    }

    /** Marks it disabled once (whichever instance gets there first publishes the notice). */
    private Mono<Void> disable(String tenantId, String endpointId, String reason, Instant now, Integer lastStatus) {
        return db.sql("UPDATE endpoint_health SET disabled_at = :now WHERE endpoint_id = :id AND disabled_at IS NULL "
                        + "RETURNING failing_since")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("id", endpointId)
                .map(row -> row.get("failing_since", OffsetDateTime.class).toInstant()).one()
                .flatMap(since -> {
                    Subscription s = subscriptions.find(endpointId);
                    log.warn("disabling endpoint {} of tenant {}: {} since {}", endpointId, tenantId, reason, since);
                    return notices.endpointDisabled(tenantId, endpointId, s == null ? null : s.url(), reason, since, now, lastStatus);
                });
    }

    /**
     * Shares what every instance saw: loads the endpoints marked failing (so that a success here clears a failure
     * another instance recorded, also after a restart), and gives a re-enabled endpoint a clean record.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${atsrelay.dispatcher.delivery.health-refresh-interval:PT30S}")
    void refresh() {
        try {
            db.sql("SELECT endpoint_id, failing_since, disabled_at FROM endpoint_health")
                    .map(row -> new Object[] {row.get("endpoint_id", String.class), row.get("failing_since", OffsetDateTime.class),
                            row.get("disabled_at", OffsetDateTime.class)})
                    .all()
                    .concatMap(r -> {
                        String id = (String) r[0];
                        Subscription s = subscriptions.find(id);
                        if (r[2] != null && s != null && s.enabled()) {
                            failing.remove(id);
                            return db.sql("DELETE FROM endpoint_health WHERE endpoint_id = :id").bind("id", id).then();
                        }
                        if (r[1] != null) {
                            failing.putIfAbsent(id, new State(((OffsetDateTime) r[1]).toInstant()));
                        }
                        return Mono.empty();
                    })
                    .then().block();
        } catch (RuntimeException e) {
            log.warn("endpoint health refresh failed, will retry: {}", e.toString());
        }
    }
}
