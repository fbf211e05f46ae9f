package dev.atsrelay.marketplace.session;

import dev.atsrelay.marketplace.api.InvalidField;
import dev.atsrelay.marketplace.id.Ids;
import dev.atsrelay.marketplace.platform.PlatformEvent;
import dev.atsrelay.marketplace.platform.PlatformEvents;
import dev.atsrelay.marketplace.platform.RecordRetention;
import dev.atsrelay.marketplace.vendor.Vendors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Opening sessions (idempotent on the invocation), and what their vendor and their tenant may do with them. */
@Component
public class Sessions {

    /** A session as opened; {@code created} is false when the invocation already had it. */
    public record Opened(Session session, boolean created) {
    }

    /** A live session with the results posted so far, and until when it takes results. */
    public record WithResults(Session session, List<Result> results, Instant resultsUntil) {
    }

    private final SessionStore store;
    private final Vendors vendors;
    private final PlatformEvents events;
    private final SessionLifetime lifetime;
    private final RecordRetention retention;
    private final SessionProperties properties;
    private final SessionMetrics metrics;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final Clock clock;

    Sessions(SessionStore store, Vendors vendors, PlatformEvents events, SessionLifetime lifetime, RecordRetention retention,
             SessionProperties properties, SessionMetrics metrics, TransactionalOperator tx, JsonMapper json, Clock clock) {
        this.store = store;
        this.vendors = vendors;
        this.events = events;
        this.lifetime = lifetime;
        this.retention = retention;
        this.properties = properties;
        this.metrics = metrics;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public Mono<Opened> open(OpenSession r) {
        SessionRules.open(r, properties.maxRecords(), size(r.context()), properties.maxJsonBytes()).orThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Session fresh = new Session(SessionIds.next(), r.invocationId(), r.tenantId(), r.vendorId(), r.actionId(),
                List.copyOf(r.records()), r.context(), now, lifetime.expiresAt(now));
        return vendors.exists(r.vendorId())
                .flatMap(known -> known ? store.insertIfAbsent(fresh) : Mono.error(InvalidField.of("/vendorId", "no such vendor")))
                .flatMap(inserted -> {
                    if (inserted) {
                        metrics.opened(now);
                        return Mono.just(new Opened(fresh, true));
                    }
                    return store.byInvocation(r.invocationId())
                            .switchIfEmpty(Mono.error(InvocationExpired::new)) // purged between the insert and this read
                            .map(existing -> {
                                if (!existing.sameBinding(r.tenantId(), r.vendorId(), r.actionId())) {
                                    throw new InvocationConflict();
                                }
                                if (!existing.liveAt(now)) {
                                    throw new InvocationExpired();
                                }
                                return new Opened(existing, false);
                            });
                });
    }

    /** The vendor's own live session, with its results. */
    public Mono<WithResults> forVendor(String sessionId, String vendorId) {
        return withResults(sessionId, vendorId, true)
                .doOnSuccess(s -> metrics.callback(SessionMetrics.Kind.CONTEXT, SessionMetrics.Outcome.ACCEPTED))
                .doOnError(e -> metrics.callback(SessionMetrics.Kind.CONTEXT, SessionMetrics.outcomeOf(e)));
    }

    /** The tenant's own live session, with its results. */
    public Mono<WithResults> forTenant(String sessionId, String tenantId) {
        return withResults(sessionId, tenantId, false);
    }

    /** The tenant's live sessions, newest first: up to {@code limit + 1} after the cursor, if any. */
    public reactor.core.publisher.Flux<Session> page(String tenantId, Instant beforeCreated, String beforeId, int limit) {
        return store.page(tenantId, clock.instant(), beforeCreated, beforeId, limit);
    }

    /**
     * Records a vendor's status update or result and publishes it as marketplace.result_received; completes once Kafka
     * acknowledged it (acks=all) and the row is committed. Fails with SessionNotFound for anything but a live session
     * of this vendor.
     */
    public Mono<Result> postResult(String sessionId, String vendorId, PostResult r) {
        return Mono.defer(() -> {
                    SessionRules.result(r, size(r.result()), properties.maxJsonBytes()).orThrow();
                    if (!SessionIds.wellFormed(sessionId)) {
                        return Mono.error(new SessionNotFound());
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    return store.lockLive(sessionId, vendorId, now)
                            .switchIfEmpty(Mono.error(SessionNotFound::new))
                            .flatMap(session -> record(session, r, now))
                            .as(tx::transactional);
                })
                .doOnSuccess(res -> metrics.callback(SessionMetrics.Kind.RESULT, SessionMetrics.Outcome.ACCEPTED))
                .doOnError(e -> metrics.callback(SessionMetrics.Kind.RESULT, SessionMetrics.outcomeOf(e)));
    }

    /**
     * The last moment a result is taken: a record written then is gone from Kafka by the session's expiry, which is
     * ahead of the 7-day deadline (ADR 0017).
     */
    public Instant resultsUntil(Session session) {
        return session.expiresAt().minus(retention.longest());
    }

    private Mono<Result> record(Session session, PostResult r, Instant now) {
        Instant until = resultsUntil(session);
        if (!now.isBefore(until)) {
            return Mono.error(new ResultWindowClosed(until));
        }
        RecordRef ref = r.record() == null ? (session.records().size() == 1 ? session.records().get(0) : null)
                : session.record(r.record().get("area"), r.record().get("recordId"));
        if (r.record() != null && ref == null) {
            return Mono.error(InvalidField.of("/record", "is not one of the session's records"));
        }
        Map<String, String> record = ref == null ? null : Map.of("area", ref.area(), "recordId", ref.recordId());
        Result result = new Result(Ids.next("vr"), Ids.next("evt_res"), r.status(), record, r.result(), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", session.id());
        data.put("vendorId", session.vendorId());
        data.put("actionId", session.actionId());
        if (record != null) {
            data.put("record", record);
        }
        data.put("status", r.status());
        if (r.result() != null) {
            data.put("result", r.result());
        }
        var event = new PlatformEvent(result.eventId(), "marketplace.result_received", session.tenantId(),
                "session/" + session.id(), now, data, session.expiresAt());
        return store.insertResult(session.id(), result).then(events.publish(event)).thenReturn(result);
    }

    private Mono<WithResults> withResults(String sessionId, String owner, boolean ownerIsVendor) {
        if (!SessionIds.wellFormed(sessionId)) {
            return Mono.error(new SessionNotFound());
        }
        return store.live(sessionId, owner, ownerIsVendor, clock.instant())
                .switchIfEmpty(Mono.error(SessionNotFound::new))
                .flatMap(s -> store.results(s.id()).collectList().map(results -> new WithResults(s, results, resultsUntil(s))));
    }

    private int size(Map<String, Object> value) {
        return value == null ? 0 : json.writeValueAsBytes(value).length;
    }
}
