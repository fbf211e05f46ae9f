package dev.atsrelay.marketplace.session;

import java.time.Instant;
import java.util.Map;

/**
 * A status update or a result a vendor posted within a session; it became the event {@code eventId}
 * (marketplace.result_received). {@code record} is {@code {area, recordId}} or null.
 */
public record Result(String id, String eventId, String status, Map<String, String> record, Map<String, Object> result,
                     Instant receivedAt) {
}
