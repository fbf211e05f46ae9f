package dev.atsrelay.config.outbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this service publishes. The prefix namespaces every topic and consumer group, so that several
 * environments (or test contexts) can share one cluster.
 */
@Validated
@ConfigurationProperties("atsrelay.kafka")
record TopicProperties(@NotNull String prefix, @NotNull Topic config, @NotNull Topic platform) {

    /**
     * @param retentionMs {@code retention.ms}; 0 leaves the broker's default (the compacted config topic)
     * @param segmentMs   {@code segment.ms}; 0 leaves the broker's default
     */
    record Topic(@NotBlank String name, @Min(1) int partitions, @Min(1) short replicas, long retentionMs, long segmentMs) {
    }

    String configTopic() {
        return prefix + config.name();
    }

    String platformTopic() {
        return prefix + platform.name();
    }
}
