package dev.atsrelay.config.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which events of the subscribed types a webhook receives: only these jobs, stages or publication channels (empty =
 * any), and conditions on the event's fields. All must hold. Evaluated by the dispatcher's matcher; checked here.
 *
 * @param conditions field conditions: {@code path} is a JSON pointer into the event (e.g. {@code /data/method}),
 *                   {@code op} one of {@link #OPERATORS}, {@code value} what to compare with (a list for in/not_in)
 */
public record Filters(List<String> jobIds, List<String> stageIds, List<String> channelIds, List<Condition> conditions) {

    public static final Set<String> OPERATORS = Set.of("eq", "ne", "in", "not_in", "exists", "not_exists",
            "gt", "gte", "lt", "lte", "prefix");
    static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of());

    public record Condition(String path, String op, Object value) {
    }

    /** One problem with the filters: its JSON pointer in the request and what is wrong. */
    record Problem(String pointer, String detail) {
    }

    static Filters orNone(Filters f) {
        if (f == null) {
            return NONE;
        }
        return new Filters(f.jobIds() == null ? List.of() : List.copyOf(f.jobIds()),
                f.stageIds() == null ? List.of() : List.copyOf(f.stageIds()),
                f.channelIds() == null ? List.of() : List.copyOf(f.channelIds()),
                f.conditions() == null ? List.of() : List.copyOf(f.conditions()));
    }

    List<Problem> problems(String at) {
        List<Problem> problems = new ArrayList<>();
        ids(problems, at + "/jobIds", jobIds);
        ids(problems, at + "/stageIds", stageIds);
        ids(problems, at + "/channelIds", channelIds);
        if (conditions.size() > 20) {
            problems.add(new Problem(at + "/conditions", "at most 20 conditions"));
        }
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            String here = at + "/conditions/" + i;
            if (c.path() == null || !c.path().matches("(/[^/]{1,100}){1,10}")) {
                problems.add(new Problem(here + "/path", "path must be a JSON pointer into the event, e.g. /data/method"));
            }
            if (c.op() == null || !OPERATORS.contains(c.op())) {
                problems.add(new Problem(here + "/op", "op must be one of " + new java.util.TreeSet<>(OPERATORS)));
            } else if (c.op().endsWith("exists") != (c.value() == null)) {
                problems.add(new Problem(here + "/value", c.op().endsWith("exists")
                        ? "exists and not_exists take no value" : "op " + c.op() + " needs a value"));
            } else if (c.op().endsWith("in") && !(c.value() instanceof List<?>)) {
                problems.add(new Problem(here + "/value", "op " + c.op() + " takes a list of values"));
            } else if (c.op().matches("gt|gte|lt|lte") && !(c.value() instanceof Number)) {
                problems.add(new Problem(here + "/value", "op " + c.op() + " compares with a number"));
            }
        }
        return problems;
    }

    private static void ids(List<Problem> problems, String at, List<String> ids) {
        if (ids.size() > 500) {
            problems.add(new Problem(at, "at most 500 ids"));
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank() || ids.get(i).length() > 100) {
                problems.add(new Problem(at + "/" + i, "an id of 1 to 100 characters"));
            }
        }
    }
}
