package dev.atsrelay.config.api;

import java.util.List;

/** Request fields whose values cannot be accepted; each with its JSON pointer in the request body. */
public class InvalidField extends RuntimeException {

    public record Problem(String pointer, String detail) {
    }

    private final transient List<Problem> problems;

    public InvalidField(String pointer, String message) {
        this(List.of(new Problem(pointer, message)));
    }

    public InvalidField(List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).detail()
                : "the request has " + problems.size() + " invalid fields: " + problems.stream().map(Problem::detail).toList());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Throws if there is any problem. */
    public static void check(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidField(problems);
        }
    }
}
