package dev.atsrelay.marketplace.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The topics this service writes and reads; the prefix namespaces them (docs/topics.md). */
@Validated
@ConfigurationProperties("atsrelay.kafka")
record TopicProperties(@NotNull String prefix, @NotNull @Valid Topic platform, @NotNull @Valid Config config) {

    /** A topic that carries vendor-session data: its retention and segment time are required. */
    record Topic(@NotBlank String name, @Min(1) int partitions, @Min(1) short replicas, @Min(1) long retentionMs,
                 @Min(1) long segmentMs) {
    }

    /** A topic only read here. */
    record Config(@NotBlank String name) {
    }

    String platformTopic() {
        return prefix + platform.name();
    }

    String configTopic() {
        return prefix + config.name();
    }
}
