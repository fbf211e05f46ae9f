package dev.atsrelay.config.action;

import java.util.List;

/** An Event action on Referral Workflow Stage chose the Filled stage: use Job Order Fill for that. */
public class FilledStageNotAllowed extends RuntimeException {

    private final List<String> pointers;

    FilledStageNotAllowed(List<ActionRules.FilledStage> filled) {
        super("stage " + filled.get(0).stageId() + " is the Filled stage; Referral Workflow Stage actions never fire on it "
                + "— use the Job Order Fill trigger (job_fill) to act when a job is filled");
        this.pointers = filled.stream().map(ActionRules.FilledStage::pointer).toList();
    }

    public List<String> pointers() {
        return pointers;
    }
}
