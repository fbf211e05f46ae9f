package dev.atsrelay.config.validation;

/** A request field whose value cannot be accepted; {@code pointer} is its JSON pointer in the request body. */
public class InvalidField extends RuntimeException {

    private final String pointer;

    public InvalidField(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
