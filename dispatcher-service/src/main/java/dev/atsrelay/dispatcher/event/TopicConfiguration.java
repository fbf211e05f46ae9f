package dev.atsrelay.dispatcher.event;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the domain-event topic it consumes (same settings as event-ingest-service's), so that the consumer
 * group forms whichever service starts first. docs/topics.md.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    NewTopic eventsTopic(TopicProperties topics) {
        return topic(topics.eventsTopic(), topics.events());
    }

    /**
     * The platform's own events (action.invoked, endpoint.disabled, marketplace.*): delivered like domain events, and
     * carrying vendor-session data, so kept well under 7 days (retention.ms + segment.ms; Kafka deletes whole segments).
     */
    @Bean
    NewTopic platformTopic(TopicProperties topics) {
        return topic(topics.platformTopic(), topics.platform());
    }

    /** Domain-event records the dispatcher cannot read, with the reason in headers. */
    @Bean
    NewTopic malformedTopic(TopicProperties topics) {
        return topic(topics.malformedTopic(), topics.malformed());
    }

    /** How each action delivery went (ActionOutcome); config-service reads it for run progress. */
    @Bean
    NewTopic outcomesTopic(TopicProperties topics) {
        return topic(topics.outcomesTopic(), topics.outcomes());
    }

    private static NewTopic topic(String name, TopicProperties.Topic t) {
        var builder = TopicBuilder.name(name).partitions(t.partitions()).replicas(t.replicas());
        if (t.segmentMs() > 0) {
            builder = builder.config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(t.segmentMs()));
        }
        return builder
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retentionMs()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, t.replicas() > 1 ? "2" : "1")
                .build();
    }
}
