package dev.atsrelay.ingest.validation;

import java.util.List;

/** An event that cannot be accepted, why, and which fields (JSON pointers into the event) are at fault. */
public record Rejection(RejectionCode code, String detail, List<FieldError> errors) {

    public record FieldError(String pointer, String detail) {
    }

    static Rejection of(RejectionCode code, String detail) {
        return new Rejection(code, detail, List.of());
    }

    static Rejection ofField(RejectionCode code, String pointer, String detail) {
        return new Rejection(code, detail, List.of(new FieldError(pointer, detail)));
    }
}
