package dev.atsrelay.marketplace.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the platform topic with the dispatcher's and config-service's settings (whichever service starts first
 * creates it). It carries vendor-session data, so its retention is set at creation and checked at every start.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    NewTopic platformTopic(TopicProperties topics) {
        var t = topics.platform();
        var violations = SessionDataTopics.violations(Map.of("retention.ms", Long.toString(t.retentionMs()),
                "segment.ms", Long.toString(t.segmentMs())));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("atsrelay.kafka.platform would keep vendor-session data too long: " + violations);
        }
        return TopicBuilder.name(topics.platformTopic()).partitions(t.partitions()).replicas(t.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retentionMs()))
                .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(t.segmentMs()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, t.replicas() > 1 ? "2" : "1")
                .build();
    }
}
