package dev.atsrelay.config.run;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.api.InvalidField.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks what a user typed into a pop-up against the action's form: every required field answered, each value of its
 * field's type ({@code text}/{@code textarea}: a string; {@code number}: a JSON number; {@code date}: an ISO date
 * {@code 2026-11-23}; {@code select}: one of the options; {@code checkbox}: a boolean), no member the form does not
 * have. Every problem is named by its pointer, {@code /input/<field>}. Pure.
 */
final class FormInput {

    static final int MAX_TEXT = 10_000;

    private FormInput() {
    }

    static List<Problem> problems(CustomAction.Form form, Map<String, Object> input) {
        List<Problem> p = new ArrayList<>();
        List<String> names = form.fields().stream().map(CustomAction.Field::name).toList();
        input.keySet().stream().filter(k -> !names.contains(k)).sorted()
                .forEach(k -> p.add(new Problem("/input/" + pointer(k), "the form has no field '" + k + "'; its fields are " + names)));
        for (CustomAction.Field f : form.fields()) {
            Object value = input.get(f.name());
            String at = "/input/" + f.name();
            if (value == null || (value instanceof String s && s.isEmpty())) {
                if (Boolean.TRUE.equals(f.required())) {
                    p.add(new Problem(at, "'" + f.label() + "' is required"));
                }
                continue;
            }
            String problem = typeProblem(f, value);
            if (problem != null) {
                p.add(new Problem(at, "'" + f.label() + "' " + problem));
            }
        }
        return p;
    }

    private static String typeProblem(CustomAction.Field f, Object value) {
        return switch (f.type()) {
            case "text", "textarea" -> value instanceof String s ? (s.length() > MAX_TEXT ? "is longer than " + MAX_TEXT + " characters" : null)
                    : "must be text";
            case "number" -> value instanceof Number ? null : "must be a number";
            case "checkbox" -> value instanceof Boolean ? null : "must be true or false";
            case "date" -> value instanceof String s && date(s) ? null : "must be a date like 2026-11-23";
            case "select" -> (value instanceof String || value instanceof Number) && f.options().contains(text(value)) ? null
                    : "must be one of " + f.options();
            default -> "has a type this service does not know: " + f.type();
        };
    }

    /** A number chosen from a select's options ("2") may be sent as 2. */
    private static String text(Object value) {
        return value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString() : (String) value;
    }

    private static boolean date(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
