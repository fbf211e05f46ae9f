package dev.atsrelay.marketplace.session;

import java.util.Map;

/** A vendor's status update or result; {@code record} ({@code {area, recordId}}) names one of the session's records. */
public record PostResult(String status, Map<String, String> record, Map<String, Object> result) {
}
