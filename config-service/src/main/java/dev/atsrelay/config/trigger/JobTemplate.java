package dev.atsrelay.config.trigger;

import java.util.List;

/**
 * A job template's stage triggers: every job created from it (or, for the default template, every job created
 * without one) starts with them. Editing a template changes only jobs created afterwards.
 * The body of the {@code job_template} document.
 */
public record JobTemplate(String name, boolean isDefault, List<StageTriggers> stages) {
}
