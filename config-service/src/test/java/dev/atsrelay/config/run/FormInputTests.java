package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.api.InvalidField.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormInputTests {

    private static final CustomAction.Form FORM = new CustomAction.Form(List.of(
            new CustomAction.Field("referees", "How many referees", "select", true, List.of("1", "2", "3")),
            new CustomAction.Field("start", "Start date", "date", true, null),
            new CustomAction.Field("note", "Note", "textarea", false, null),
            new CustomAction.Field("urgent", "Urgent", "checkbox", false, null),
            new CustomAction.Field("budget", "Budget", "number", false, null)));

    private static List<String> pointers(Map<String, Object> input) {
        return FormInput.problems(FORM, input).stream().map(Problem::pointer).toList();
    }

    @Test
    void acceptsAnswersOfTheRightTypes() {
        assertThat(pointers(Map.of("referees", "2", "start", "2026-12-01", "note", "Thanks", "urgent", true, "budget", 1200.5)))
                .isEmpty();
        assertThat(pointers(Map.of("referees", 2, "start", "2026-12-01"))).as("a select's number option sent as a number").isEmpty();
    }

    @Test
    void namesEveryMissingRequiredField() {
        assertThat(pointers(Map.of())).containsExactly("/input/referees", "/input/start");
        assertThat(pointers(Map.of("referees", "", "start", "2026-12-01"))).containsExactly("/input/referees");
    }

    @Test
    void namesEveryValueOfTheWrongTypeAndEveryUnknownMember() {
        Map<String, Object> input = new HashMap<>();
        input.put("referees", "5");
        input.put("start", "next tuesday");
        input.put("note", 42);
        input.put("urgent", "yes");
        input.put("budget", "a lot");
        input.put("salary", 1);
        assertThat(pointers(input)).containsExactly("/input/salary", "/input/referees", "/input/start", "/input/note",
                "/input/urgent", "/input/budget");
        assertThat(FormInput.problems(FORM, input).get(1).detail()).contains("How many referees", "[1, 2, 3]");
    }
}
