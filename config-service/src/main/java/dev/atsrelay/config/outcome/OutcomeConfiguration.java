package dev.atsrelay.config.outcome;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The outcomes topic. Its listener (the batch container of PlatformConfiguration) commits a batch only after its
 * outcomes are in the database, and retries a batch
 * that fails (the database is down) with back-off, never skipped: at least once.
 */
@Configuration(proxyBeanMethods = false)
class OutcomeConfiguration {

    @Bean
    NewTopic outcomesTopic(@Value("${atsrelay.kafka.prefix}") String prefix, OutcomeTopicProperties t) {
        return TopicBuilder.name(prefix + t.name())
                .partitions(t.partitions())
                .replicas(t.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retentionMs()))
                .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(t.segmentMs()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, t.replicas() > 1 ? "2" : "1")
                .build();
    }
}
