package dev.atsrelay.ingest.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The topics this service reads and writes; the prefix namespaces topics and consumer groups. */
@Validated
@ConfigurationProperties("atsrelay.kafka")
record TopicProperties(@NotNull String prefix, @NotNull Topic events, @NotNull Topic inbound, @NotNull Topic invalid,
                       @NotNull Topic config) {

    record Topic(@NotBlank String name, @Min(1) int partitions, @Min(1) short replicas, long retentionMs) {
    }

    String eventsTopic() {
        return prefix + events.name();
    }

    String inboundTopic() {
        return prefix + inbound.name();
    }

    String invalidTopic() {
        return prefix + invalid.name();
    }

    String configTopic() {
        return prefix + config.name();
    }
}
