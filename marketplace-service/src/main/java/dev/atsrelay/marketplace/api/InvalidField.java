package dev.atsrelay.marketplace.api;

import java.util.List;

/** The request has fields that cannot be accepted; every one is listed, with its pointer. */
public class InvalidField extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidField(List<FieldError> errors) {
        super("the request has invalid fields: " + errors.stream().map(e -> e.pointer() + " " + e.detail()).toList());
        this.errors = List.copyOf(errors);
    }

    public static InvalidField of(String pointer, String detail) {
        return new InvalidField(List.of(new FieldError(pointer, detail)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
