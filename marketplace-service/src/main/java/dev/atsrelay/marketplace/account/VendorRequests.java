package dev.atsrelay.marketplace.account;

import dev.atsrelay.marketplace.api.Checks;
import dev.atsrelay.marketplace.id.Ids;
import dev.atsrelay.marketplace.platform.PlatformEvent;
import dev.atsrelay.marketplace.platform.PlatformEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import dev.atsrelay.marketplace.session.SessionMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;

/**
 * Vendors beyond sessions: a request not tied to a live session (e.g. a later status change), only for an agency
 * connected to the vendor, becomes marketplace.request_received. It carries no session data, so no expiry header.
 */
@Component
public class VendorRequests {

    /** The body of {@code POST /v1/vendor/requests}; {@code recordRef} is {@code {area, recordId}}. */
    public record Request(String tenantId, String kind, Map<String, String> recordRef, Map<String, Object> payload) {
    }

    /** What was accepted: the request's id and its event's id. */
    public record Accepted(String requestId, String eventId, Instant receivedAt) {
    }

    private final Accounts accounts;
    private final PlatformEvents events;
    private final SessionMetrics metrics;
    private final JsonMapper json;
    private final int maxJsonBytes;
    private final Clock clock;

    VendorRequests(Accounts accounts, PlatformEvents events, SessionMetrics metrics, JsonMapper json,
                   @Value("${atsrelay.marketplace.sessions.max-json-bytes:65536}") int maxJsonBytes, Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.metrics = metrics;
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
        this.clock = clock;
    }

    public Mono<Accepted> send(String vendorId, Request r) {
        return Mono.defer(() -> accept(vendorId, r))
                .doOnSuccess(a -> metrics.callback(SessionMetrics.Kind.REQUEST, SessionMetrics.Outcome.ACCEPTED))
                .doOnError(e -> metrics.callback(SessionMetrics.Kind.REQUEST, SessionMetrics.outcomeOf(e)));
    }

    private Mono<Accepted> accept(String vendorId, Request r) {
        int payloadBytes = r.payload() == null ? 0 : json.writeValueAsBytes(r.payload()).length;
        Checks c = new Checks().text("/tenantId", r.tenantId(), 1, 100, true).text("/kind", r.kind(), 1, 100, true);
        if (r.recordRef() != null) {
            if (!Set.of("area", "recordId").containsAll(r.recordRef().keySet())) {
                c.add("/recordRef", "has only area and recordId");
            }
            c.text("/recordRef/area", r.recordRef().get("area"), 1, 100, true)
                    .text("/recordRef/recordId", r.recordRef().get("recordId"), 1, 100, true);
        }
        if (r.payload() != null && (r.payload().size() > 200 || payloadBytes > maxJsonBytes)) {
            c.add("/payload", "at most 200 members and " + maxJsonBytes + " bytes of JSON");
        }
        c.orThrow();
        return accounts.connected(r.tenantId(), vendorId).flatMap(connected -> {
            if (!connected) {
                return Mono.error(new AccountNotFound("no agency with this id is connected to you"));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Accepted accepted = new Accepted(Ids.next("vrq"), Ids.next("evt_req"), now);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("requestId", accepted.requestId());
            data.put("vendorId", vendorId);
            data.put("kind", r.kind());
            if (r.recordRef() != null) {
                data.put("recordRef", Map.of("area", r.recordRef().get("area"), "recordId", r.recordRef().get("recordId")));
            }
            if (r.payload() != null) {
                data.put("payload", r.payload());
            }
            return events.publish(new PlatformEvent(accepted.eventId(), "marketplace.request_received", r.tenantId(),
                    "vendor/" + vendorId, now, data, null)).thenReturn(accepted);
        });
    }
}
