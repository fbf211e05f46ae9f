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
record TopicProperties(@NotNull String prefix, @NotNull Topic config) {

    record Topic(@NotBlank String name, @Min(1) int partitions, @Min(1) short replicas) {
    }

    String configTopic() {
        return prefix + config.name();
    }
}
