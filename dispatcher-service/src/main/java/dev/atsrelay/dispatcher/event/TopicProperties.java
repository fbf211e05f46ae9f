package dev.atsrelay.dispatcher.event;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The topics this service reads; the prefix namespaces topics and consumer groups (docs/topics.md). */
@Validated
@ConfigurationProperties("atsrelay.kafka")
record TopicProperties(@NotNull String prefix, @NotNull Topic events, @NotNull Topic platform, @NotNull Topic config,
                       @NotNull Topic malformed, @NotNull Topic outcomes) {

    /** A topic's settings; {@code segmentMs} 0 = the broker's default (7 days). */
    record Topic(@NotBlank String name, @Min(1) int partitions, @Min(1) short replicas, long retentionMs, long segmentMs) {
    }

    String eventsTopic() {
        return prefix + events.name();
    }

    String platformTopic() {
        return prefix + platform.name();
    }

    String malformedTopic() {
        return prefix + malformed.name();
    }

    String outcomesTopic() {
        return prefix + outcomes.name();
    }

    String configTopic() {
        return prefix + config.name();
    }
}
