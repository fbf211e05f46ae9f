package dev.atsrelay.config.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code action.invoked} event of one record of a run (docs/events/action.invoked.v1.schema.json): a CloudEvent
 * with the tenant, keyed {@code <tenantId>:action/<actionId>} on the platform topic, with the {@code ce_*} routing
 * headers the dispatcher reads; a marketplace action's record carries its vendor session in {@code data.session} and
 * the {@code session-expires-at} header. Pure.
 */
final class ActionInvoked {

    static final String TYPE = "action.invoked";
    static final String SOURCE = "/atsrelay/config-service";
    static final String SESSION_EXPIRES_AT = "session-expires-at";

    private ActionInvoked() {
    }

    static String eventId(String invocationId) {
        return "evt_" + invocationId;
    }

    static String key(Run run) {
        return run.tenant().value() + ":" + subject(run);
    }

    static Map<String, String> headers(Run run, String invocationId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_id", eventId(invocationId));
        h.put("ce_type", TYPE);
        h.put("ce_tenantid", run.tenant().value());
        return h;
    }

    /** The routing headers, and for a record with a vendor session its expiry: the dispatcher stops and redacts then. */
    static Map<String, String> headers(Run run, RunRecord r) {
        Map<String, String> h = headers(run, r.invocationId());
        if (r.sessionId() != null) {
            h.put(SESSION_EXPIRES_AT, r.sessionExpiresAt().toString());
        }
        return h;
    }

    static Map<String, Object> event(Run run, RunRecord r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invocationId", r.invocationId());
        data.put("runId", run.id());
        data.put("action", Map.of("actionId", run.actionId(), "name", run.actionName(), "type", run.actionType()));
        data.put("trigger", Map.of("kind", "manual"));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("userId", run.user().userId());
        if (run.user().name() != null) {
            user.put("name", run.user().name());
        }
        data.put("user", user);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("area", run.area());
        record.put("recordId", r.record().recordId());
        if (r.record().jobId() != null) {
            record.put("jobId", r.record().jobId());
        }
        if (r.record().candidateId() != null) {
            record.put("candidateId", r.record().candidateId());
        }
        data.put("record", record);
        data.put("input", run.input());
        if (r.sessionId() != null) {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("sessionId", r.sessionId());
            session.put("expiresAt", r.sessionExpiresAt().toString());
            data.put("session", session);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId(r.invocationId()));
        event.put("source", SOURCE);
        event.put("type", TYPE);
        event.put("time", run.createdAt().toString());
        event.put("subject", subject(run));
        event.put("datacontenttype", "application/json");
        event.put("tenantid", run.tenant().value());
        event.put("data", data);
        return event;
    }

    private static String subject(Run run) {
        return "action/" + run.actionId();
    }
}
