package dev.atsrelay.config.stage;

import dev.atsrelay.config.api.InvalidField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tenant's workflow stages, in order: the body of the {@code workflow} document (one per tenant). */
public record Workflow(List<WorkflowStage> stages) {

    public static final Workflow EMPTY = new Workflow(List.of());

    public Optional<WorkflowStage> stage(String stageId) {
        return stages.stream().filter(s -> s.stageId().equals(stageId)).findFirst();
    }

    List<InvalidField.Problem> problems() {
        List<InvalidField.Problem> problems = new ArrayList<>();
        if (stages == null || stages.isEmpty() || stages.size() > 200) {
            problems.add(new InvalidField.Problem("/stages", "stages must list 1 to 200 stages"));
            return problems;
        }
        Set<String> ids = new HashSet<>();
        int filled = 0;
        for (int i = 0; i < stages.size(); i++) {
            WorkflowStage s = stages.get(i);
            if (s.stageId() == null || !s.stageId().matches("[A-Za-z0-9_.:-]{1,100}")) {
                problems.add(new InvalidField.Problem("/stages/" + i + "/stageId", "stageId must be 1 to 100 letters, digits or _.:-"));
            } else if (!ids.add(s.stageId())) {
                problems.add(new InvalidField.Problem("/stages/" + i + "/stageId", "stage " + s.stageId() + " is listed twice"));
            }
            if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
                problems.add(new InvalidField.Problem("/stages/" + i + "/name", "name must be 1 to 200 characters"));
            }
            filled += s.isFilled() ? 1 : 0;
        }
        if (filled > 1) {
            problems.add(new InvalidField.Problem("/stages", "only one stage can be the Filled stage"));
        }
        return problems;
    }
}
