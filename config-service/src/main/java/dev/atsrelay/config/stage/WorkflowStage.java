package dev.atsrelay.config.stage;

/**
 * One stage of the tenant's referral workflow (FastTrack: "Referral Workflow Stage"; partner article: "job stage").
 * At most one stage is the Filled stage.
 */
public record WorkflowStage(String stageId, String name, Boolean filled) {

    public boolean isFilled() {
        return Boolean.TRUE.equals(filled);
    }
}
