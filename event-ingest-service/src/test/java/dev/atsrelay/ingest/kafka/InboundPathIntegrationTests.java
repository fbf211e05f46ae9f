package dev.atsrelay.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.ingest.IntegrationTest;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class InboundPathIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void validRecordsReachTheCanonicalTopicOnceAndTheRestTheInvalidTopicWithTheirReason() throws Exception {
        String tenant = ConfigTopicFixture.newTenantId();
        ObjectNode valid = (ObjectNode) JSON.readTree(Files.readString(Path.of("../docs/events/examples/job.published.json")));
        valid.put("id", "evt_" + UUID.randomUUID());
        valid.put("tenantid", tenant);
        ObjectNode noTenant = valid.deepCopy();
        noTenant.put("id", "evt_" + UUID.randomUUID());
        noTenant.remove("tenantid");
        ObjectNode badChannel = valid.deepCopy();
        badChannel.put("id", "evt_" + UUID.randomUUID());
        ((ObjectNode) badChannel.get("data").get("channel")).put("type", "carrier_pigeon");

        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String topic = prefix + "ats.events.inbound.v1";
            producer.send(new ProducerRecord<>(topic, "k1", valid.toString())).get();
            producer.send(new ProducerRecord<>(topic, "k1", valid.toString())).get();
            producer.send(new ProducerRecord<>(topic, "k2", "{not json")).get();
            producer.send(new ProducerRecord<>(topic, "k3", noTenant.toString())).get();
            producer.send(new ProducerRecord<>(topic, "k4", badChannel.toString())).get();
            producer.send(new ProducerRecord<>(topic, "k5", (String) null)).get();
        }

        try (var invalid = new TopicReader(prefix + "ats.events.invalid.v1")) {
            var rejects = invalid.readUntil(rs -> rs.size() >= 4, Duration.ofSeconds(20));
            assertThat(rejects).extracting(r -> r.headers().get("rejection-code"))
                    .containsExactlyInAnyOrder("malformed_json", "tenant_required", "invalid_data", "malformed_json");
            var channel = rejects.stream().filter(r -> "k4".equals(r.key())).findFirst().orElseThrow();
            assertThat(channel.headers().get("rejection-pointers")).isEqualTo("/data/channel/type");
            assertThat(channel.headers()).containsKeys("rejection-detail", "original-offset", "original-topic");
            assertThat(channel.value()).isEqualTo(badChannel.toString());
        }
        try (var events = new TopicReader(prefix + "ats.events.v1")) {
            var stored = events.readFor(Duration.ofSeconds(2));
            assertThat(stored).filteredOn(r -> r.value().contains(valid.get("id").asString())).hasSize(1);
            assertThat(stored).noneMatch(r -> r.value().contains(noTenant.get("id").asString())
                    || r.value().contains(badChannel.get("id").asString()));
        }
    }
}
