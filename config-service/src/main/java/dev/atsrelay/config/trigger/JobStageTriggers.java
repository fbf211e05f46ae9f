package dev.atsrelay.config.trigger;

import java.util.List;

/**
 * The stage triggers added to one job, beside those it inherited from its template when it was created.
 * The body of the {@code job_triggers} document, whose id is the job's id.
 */
public record JobStageTriggers(String jobId, List<StageTriggers> stages) {
}
