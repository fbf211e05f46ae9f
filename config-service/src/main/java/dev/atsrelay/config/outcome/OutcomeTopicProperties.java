package dev.atsrelay.config.outcome;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The topic of delivery outcomes ({@code ats.action.outcomes.v1} after the prefix), declared with the same settings
 * as the dispatcher, which writes it.
 */
@Validated
@ConfigurationProperties("atsrelay.kafka.outcomes")
record OutcomeTopicProperties(@NotBlank String name, @Min(1) int partitions, @Min(1) short replicas,
                              @Min(1) long retentionMs, @Min(1) long segmentMs) {
}
