package dev.atsrelay.config.outbox;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics this service publishes to, created (or checked) at startup. docs/topics.md lists them all. */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    NewTopic configTopic(TopicProperties topics) {
        return TopicBuilder.name(topics.configTopic())
                .partitions(topics.config().partitions())
                .replicas(topics.config().replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                // tombstones stay a day, so that a consumer that was down for hours still sees deletions
                .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000")
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, topics.config().replicas() > 1 ? "2" : "1")
                .build();
    }

    /**
     * The platform topic, declared with the dispatcher's settings (it declares it too): whichever service starts
     * first creates it, and the outbox never waits for a topic that does not exist yet. It may carry vendor-session
     * data, so retention + segment stay well under 7 days (Kafka deletes whole segments).
     */
    @Bean
    NewTopic platformTopic(TopicProperties topics) {
        TopicProperties.Topic t = topics.platform();
        return TopicBuilder.name(topics.platformTopic())
                .partitions(t.partitions())
                .replicas(t.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retentionMs()))
                .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(t.segmentMs()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, t.replicas() > 1 ? "2" : "1")
                .build();
    }
}
