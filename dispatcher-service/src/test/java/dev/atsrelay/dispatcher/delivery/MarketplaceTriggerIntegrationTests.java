package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stage trigger of a marketplace action: the dispatcher opens the run's vendor session through marketplace-service's
 * internal API (here a loopback server answering as it does) before it publishes the run, which carries the session
 * and its expiry, so that the vendor gets the session id and the dispatcher redacts the run at the session's expiry.
 */
@IntegrationTest
class MarketplaceTriggerIntegrationTests {

    private static final String SECRET = ConfigTopicFixture.newSecret();
    private static final WebhookReceiver MARKETPLACE = new WebhookReceiver().respond(r -> WebhookReceiver.Reply.status(201)
            .withHeader("content-type", "application/json")
            .withBody("{\"sessionId\":\"vs_" + DeliveryFixture.JSON.readTree(r.body()).get("invocationId").asString().substring(4)
                    + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\"createdAt\":\"2026-11-23T10:00:00Z\"}"));

    @DynamicPropertySource
    static void marketplace(DynamicPropertyRegistry registry) {
        registry.add("atsrelay.marketplace.url", () -> MARKETPLACE.url(""));
    }

    @AfterAll
    static void close() {
        MARKETPLACE.close();
    }

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Value("${atsrelay.internal.token}")
    String internalToken;

    @Test
    void aMarketplaceStageTriggerOpensTheRunsSessionFirstAndTheRunCarriesIt() throws Exception {
        try (var vendor = new WebhookReceiver();
             var platform = new TopicReader(prefix + "ats.platform.v1")) {
            var f = new DeliveryFixture(http, prefix);
            String actionId = "act_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
            f.config.publishDocument("action", f.tenant, actionId, 1, "{\"actionType\":\"marketplace\",\"name\":\"Background check\","
                    + "\"description\":\"test\",\"endpointUrl\":\"" + vendor.url("/checks") + "\",\"enabled\":true,"
                    + "\"marketplace\":{\"vendorId\":\"ven_checkers\"},\"secrets\":" + ConfigTopicFixture.actionSecrets(actionId, SECRET) + "}");
            f.config.publishDocument("job_triggers", f.tenant, "J-7", 1,
                    "{\"jobId\":\"J-7\",\"stages\":[{\"stageId\":\"st-offer\",\"actionIds\":[\"" + actionId + "\"]}]}");
            DeliveryFixture.eventually("the action reaches the dispatcher", () -> f.status("/v1/endpoints/" + actionId) == 200);
            Thread.sleep(500); // the job_triggers record follows the action's on the same topic

            ObjectNode event = (ObjectNode) DeliveryFixture.JSON.readTree(Files.readString(Path.of("../docs/events/examples/candidate.stage_entered.json")));
            String eventId = "evt_" + UUID.randomUUID();
            event.put("id", eventId);
            event.put("tenantid", f.tenant);
            ((ObjectNode) event.get("data")).put("jobId", "J-7");
            ((ObjectNode) event.get("data").get("stage")).put("stageId", "st-offer");
            var record = new ProducerRecord<>(prefix + "ats.events.v1", f.tenant + ":job:J-7", event.toString());
            record.headers().add(new RecordHeader("ce_id", eventId.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_type", "candidate.stage_entered".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_tenantid", f.tenant.getBytes(StandardCharsets.UTF_8)));
            Properties p = new Properties();
            p.put("bootstrap.servers", KafkaBroker.bootstrapServers());
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(record).get();
            }

            var run = vendor.await(1, Duration.ofSeconds(20)).get(0);
            JsonNode data = DeliveryFixture.JSON.readTree(run.body()).get("data");
            String invocationId = data.get("invocationId").asString();
            assertThat(data.at("/session/sessionId").asString()).isEqualTo("vs_" + invocationId.substring(4));
            assertThat(data.at("/session/expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");

            var opened = MARKETPLACE.received().stream().filter(r -> r.body().contains(invocationId)).toList();
            assertThat(opened).hasSize(1);
            assertThat(opened.get(0).path()).isEqualTo("/internal/v1/sessions");
            assertThat(opened.get(0).header("authorization")).isEqualTo("Bearer " + internalToken);
            JsonNode request = DeliveryFixture.JSON.readTree(opened.get(0).body());
            assertThat(request.get("tenantId").asString()).isEqualTo(f.tenant);
            assertThat(request.get("vendorId").asString()).isEqualTo("ven_checkers");
            assertThat(request.get("actionId").asString()).isEqualTo(actionId);
            assertThat(request.at("/records/0/candidateId").asString()).isEqualTo("CAND-5521");

            var published = platform.readUntil(rs -> rs.stream().anyMatch(r -> r.value() != null && r.value().contains(invocationId)),
                    Duration.ofSeconds(10)).stream().filter(r -> r.value() != null && r.value().contains(invocationId)).findFirst().orElseThrow();
            assertThat(published.headers()).containsEntry("session-expires-at", "2099-01-01T00:00:00Z");
        }
    }
}
