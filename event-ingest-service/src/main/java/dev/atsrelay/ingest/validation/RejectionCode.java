package dev.atsrelay.ingest.validation;

/**
 * Why an event was not accepted: the stable {@code code} of the problem answer (HTTP) or of the
 * {@code rejection-code} header (invalid-events topic). docs/problems.md lists them all.
 */
public enum RejectionCode {
    MALFORMED_JSON("malformed_json", 400),
    NOT_AN_OBJECT("not_an_object", 400),
    NOT_AN_ARRAY("not_an_array", 400),
    INVALID_ENVELOPE("invalid_envelope", 422),
    UNKNOWN_EVENT_TYPE("unknown_event_type", 422),
    RESERVED_EVENT_TYPE("reserved_event_type", 422),
    INVALID_DATA("invalid_data", 422),
    TENANT_REQUIRED("tenant_required", 422),
    TENANT_MISMATCH("tenant_mismatch", 403),
    EVENT_TOO_LARGE("event_too_large", 413),
    /** Kafka-native path only: the id was accepted within the idempotency window for other content. */
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422);

    private final String code;
    private final int status;

    RejectionCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    /** The HTTP status that answers it. */
    public int status() {
        return status;
    }
}
