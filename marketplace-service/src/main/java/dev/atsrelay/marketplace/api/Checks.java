package dev.atsrelay.marketplace.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem of a request, so that all of them are answered at once. Plain Java. */
public final class Checks {

    public static final Pattern TENANT_ID = Pattern.compile("^tn_[0-9a-z]{26}$");

    private final List<FieldError> errors = new ArrayList<>();

    public Checks text(String pointer, String value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                add(pointer, "is required");
            }
        } else if (value.strip().length() < min || value.length() > max) {
            add(pointer, "must be " + min + "–" + max + " characters");
        }
        return this;
    }

    public Checks add(String pointer, String detail) {
        errors.add(new FieldError(pointer, detail));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws {@link InvalidField} with every problem found, if any. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new InvalidField(errors);
        }
    }
}
