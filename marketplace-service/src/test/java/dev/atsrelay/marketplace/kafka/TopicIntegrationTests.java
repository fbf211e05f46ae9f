package dev.atsrelay.marketplace.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atsrelay.marketplace.MarketplaceApplication;
import dev.atsrelay.marketplace.MarketplaceTest;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.RealInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaAdmin;

/** The session-carrying topics on the real broker: declared under 7 days, and the start refused when they are not. */
@MarketplaceTest
class TopicIntegrationTests {

    @Autowired
    TopicProperties topics;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void everySessionCarryingTopicKeepsRecordsUnderSevenDaysOnTheBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            for (String topic : List.of(topics.platformTopic())) {
                var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next();
                long retention = Long.parseLong(config.get("retention.ms").value());
                long segment = Long.parseLong(config.get("segment.ms").value());
                assertThat(retention).as(topic + " retention.ms").isPositive();
                assertThat(retention + segment).as(topic + " retention.ms + segment.ms").isLessThan(604_800_000L);
                assertThat(config.get("cleanup.policy").value()).contains("delete");
            }
        }
    }

    @Test
    void theCheckRefusesATopicCreatedWithTheBrokersDefaultSegment() throws Exception {
        String topic = RealInfrastructure.uniquePrefix() + "ats.platform.v1";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "259200000"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> TopicRetentionCheck.verify(kafkaAdmin.getConfigurationProperties(), List.of(topic)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Refusing to start")
                .hasMessageContaining(topic).hasMessageContaining("segment.ms (604800000)");
    }

    @Test
    void theServiceRefusesToStartWhenThePlatformTopicKeepsRecordsTooLong() throws Exception {
        String prefix = RealInfrastructure.uniquePrefix();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + "ats.platform.v1", 1, (short) 1)
                    .configs(Map.of("retention.ms", "604800000", "segment.ms", "3600000")))).all().get(30, TimeUnit.SECONDS);
        }
        // command-line arguments: they win over application.yml, as the environment does in a deployment
        List<String> args = new java.util.ArrayList<>(RealInfrastructure.properties(prefix).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList());
        args.addAll(List.of("--server.port=0", "--atsrelay.operator.token=test-operator-token-0123456789abcdef",
                "--atsrelay.internal.token=test-internal-token-0123456789abcdef"));
        var builder = new SpringApplicationBuilder(MarketplaceApplication.class);
        assertThatThrownBy(() -> builder.run(args.toArray(String[]::new)))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("Refusing to start", prefix + "ats.platform.v1", "retention.ms (604800000)"));
    }
}
