package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.session.RecordRef;
import dev.atsrelay.marketplace.session.Result;
import dev.atsrelay.marketplace.session.Session;
import dev.atsrelay.marketplace.session.Sessions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A session as its vendor and its tenant see it; {@code results} only when one session is read. */
record SessionView(String sessionId, String tenantId, String vendorId, String actionId, String invocationId,
                   List<RecordRef> records, Map<String, Object> context, Instant createdAt, Instant resultsUntil,
                   Instant expiresAt, List<ResultView> results) {

    record ResultView(String resultId, String eventId, String status, Map<String, String> record, Map<String, Object> result,
                      Instant receivedAt) {

        static ResultView of(Result r) {
            return new ResultView(r.id(), r.eventId(), r.status(), r.record(), r.result(), r.receivedAt());
        }
    }

    static SessionView of(Sessions.WithResults s) {
        return of(s.session(), s.resultsUntil(), s.results().stream().map(ResultView::of).toList());
    }

    static SessionView of(Session s, Instant resultsUntil, List<ResultView> results) {
        return new SessionView(s.id(), s.tenantId(), s.vendorId(), s.actionId(), s.invocationId(), s.records(), s.context(),
                s.createdAt(), resultsUntil, s.expiresAt(), results);
    }
}
