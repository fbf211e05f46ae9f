package dev.atsrelay.config.trigger;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.action.CustomActions;
import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.document.Documents;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.stage.WorkflowStages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stage triggers name stages of the tenant's workflow and actions that can run without a user: marketplace actions
 * (the partner article's integrations) and manual actions with the background behaviour.
 */
@Component
class TriggerRules {

    private final WorkflowStages workflow;
    private final Documents documents;

    TriggerRules(WorkflowStages workflow, Documents documents) {
        this.workflow = workflow;
        this.documents = documents;
    }

    Mono<Void> check(TenantId tenant, List<StageTriggers> stages, String at) {
        if (stages == null || stages.size() > 200) {
            throw new InvalidField(at, "list up to 200 stages with their triggers");
        }
        return workflow.current(tenant).zipWith(actions(tenant)).map(both -> {
            var w = both.getT1().body();
            Map<String, CustomAction> actions = both.getT2();
            List<InvalidField.Problem> problems = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < stages.size(); i++) {
                StageTriggers s = stages.get(i);
                String here = at + "/" + i;
                if (s.stageId() == null || w.stage(s.stageId()).isEmpty()) {
                    problems.add(new InvalidField.Problem(here + "/stageId", "no stage " + s.stageId()
                            + " in the tenant's workflow (PUT /v1/workflow-stages)"));
                } else if (!seen.add(s.stageId())) {
                    problems.add(new InvalidField.Problem(here + "/stageId", "stage " + s.stageId() + " is listed twice"));
                }
                List<String> ids = s.actionIds() == null ? List.of() : s.actionIds();
                if (ids.isEmpty() || ids.size() > 20) {
                    problems.add(new InvalidField.Problem(here + "/actionIds", "list 1 to 20 actions"));
                }
                for (int j = 0; j < ids.size(); j++) {
                    CustomAction a = actions.get(ids.get(j));
                    if (a == null) {
                        problems.add(new InvalidField.Problem(here + "/actionIds/" + j, "no custom action " + ids.get(j) + " in this tenant"));
                    } else if (!a.runsUnattended()) {
                        problems.add(new InvalidField.Problem(here + "/actionIds/" + j, "action " + ids.get(j)
                                + " needs a user (pop-up or redirect); a trigger can run marketplace actions and background actions"));
                    }
                }
            }
            InvalidField.check(problems);
            return true;
        }).then();
    }

    private Mono<Map<String, CustomAction>> actions(TenantId tenant) {
        return documents.list(CustomActions.KIND, tenant, null, 10_000, CustomAction.class)
                .collect(Collectors.toMap(d -> d.id(), d -> d.body()));
    }
}
