package dev.atsrelay.ingest.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics this service owns: canonical events, the Kafka-native inbound path and its rejects (docs/topics.md). */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    NewTopic eventsTopic(TopicProperties topics) {
        return topic(topics.eventsTopic(), topics.events());
    }

    @Bean
    NewTopic inboundTopic(TopicProperties topics) {
        return topic(topics.inboundTopic(), topics.inbound());
    }

    @Bean
    NewTopic invalidTopic(TopicProperties topics) {
        return topic(topics.invalidTopic(), topics.invalid());
    }

    private static NewTopic topic(String name, TopicProperties.Topic t) {
        return TopicBuilder.name(name).partitions(t.partitions()).replicas(t.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retentionMs()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, t.replicas() > 1 ? "2" : "1")
                .build();
    }
}
