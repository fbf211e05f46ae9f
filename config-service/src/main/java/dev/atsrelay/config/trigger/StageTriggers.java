package dev.atsrelay.config.trigger;

import java.util.List;

/** The actions that fire when a candidate enters one stage (partner article: "+ Add trigger" on a stage). */
public record StageTriggers(String stageId, List<String> actionIds) {
}
