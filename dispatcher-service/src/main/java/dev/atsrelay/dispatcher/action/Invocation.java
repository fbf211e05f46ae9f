package dev.atsrelay.dispatcher.action;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one action on one record, started by a domain event (an Event action or a stage trigger): the
 * {@code action.invoked} CloudEvent it becomes (docs/events/action.invoked.v1.schema.json). Its ids derive from the
 * event, the action and the trigger, so a re-read event starts the same invocation again (same {@code webhook-id}
 * at the endpoint), never a second one.
 *
 * @param kind   {@code job_fill}, {@code stage_entered} (Event actions) or {@code stage_trigger}
 * @param record {@code area}, {@code recordId}, and {@code jobId} / {@code candidateId} when known
 * @param user   {@code userId} and {@code name} of who caused the event, or null when it was not a user
 */
record Invocation(String tenantId, ActionIndex.Action action, String kind, String eventId, String eventType,
                  Map<String, String> record, Map<String, String> user) {

    /** The run with its vendor session (a marketplace action's). */
    Map<String, Object> cloudEvent(Instant now, MarketplaceSessions.Session session) {
        Map<String, Object> event = cloudEvent(now);
        if (session != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            data.put("session", Map.of("sessionId", session.sessionId(), "expiresAt", session.expiresAt().toString()));
        }
        return event;
    }

    String invocationId() {
        return "inv_" + hash(tenantId, eventId, action.id(), kind);
    }

    /** The CloudEvent's id: {@code evt_} + the invocation id, as config-service does for manual runs. */
    String id() {
        return "evt_" + invocationId();
    }

    /** The Kafka key on the platform topic: tenant and subject, like every platform event. */
    String key() {
        return tenantId + ":action/" + action.id();
    }

    Map<String, Object> cloudEvent(Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invocationId", invocationId());
        data.put("action", Map.of("actionId", action.id(), "name", action.name(), "type", action.type()));
        data.put("trigger", Map.of("kind", kind, "eventId", eventId, "eventType", eventType));
        if (user != null) {
            data.put("user", user);
        }
        data.put("record", record);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id());
        event.put("source", "/atsrelay/dispatcher-service");
        event.put("type", "action.invoked");
        event.put("time", now.toString());
        event.put("subject", "action/" + action.id());
        event.put("datacontenttype", "application/json");
        event.put("tenantid", tenantId);
        event.put("data", data);
        return event;
    }

    private static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 26);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
