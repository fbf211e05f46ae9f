package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class DeliveryIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    ConfigTopicFixture config;
    String tenant;
    String adminKey;

    @BeforeEach
    void tenant() {
        config = new ConfigTopicFixture(prefix);
        tenant = ConfigTopicFixture.newTenantId();
        adminKey = config.publishKey(tenant, "admin");
    }

    private String subscribe(WebhookReceiver receiver, String secret, String... types) {
        String id = ConfigTopicFixture.newWebhookId();
        config.publishWebhook(id, tenant, 1, receiver.url("/hook"), secret, true, types);
        Instant deadline = Instant.now().plusSeconds(20);
        while (http.get().uri("/v1/endpoints/{id}", id).headers(h -> h.setBearerAuth(adminKey)).exchange()
                .expectBody().returnResult().getStatus().value() != 200) {
            assertThat(Instant.now()).as("the webhook reaches the dispatcher").isBefore(deadline);
            pause();
        }
        return id;
    }

    private String publishEvent(String type, boolean withHeaders) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("../docs/events/examples/" + type + ".json")));
        String id = "evt_" + UUID.randomUUID();
        event.put("id", id);
        event.put("tenantid", tenant);
        var record = new ProducerRecord<>(prefix + "ats.events.v1", tenant + ":job:J-1042", event.toString());
        if (withHeaders) {
            record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8)));
        }
        send(record);
        return id;
    }

    private static void send(ProducerRecord<String, String> record) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        }
    }

    @Test
    void deliversASignedWebhookAndLogsTheAttempt() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            String secret = ConfigTopicFixture.newSecret();
            String endpoint = subscribe(receiver, secret, "job.opened");
            String eventId = publishEvent("job.opened", true);
            var delivered = receiver.await(1, Duration.ofSeconds(20)).get(0);
            new Webhook(secret).verify(delivered.body(), Map.of(
                    "webhook-id", List.of(delivered.header("webhook-id")),
                    "webhook-timestamp", List.of(delivered.header("webhook-timestamp")),
                    "webhook-signature", List.of(delivered.header("webhook-signature"))));
            assertThat(delivered.header("content-type")).isEqualTo("application/json");
            assertThat(delivered.body()).contains(eventId);
            awaitAttempts(endpoint, 1);
            http.get().uri("/v1/attempts?endpointId={id}", endpoint).headers(h -> h.setBearerAuth(adminKey)).exchange()
                    .expectBody().jsonPath("$.items[0].outcome").isEqualTo("succeeded").jsonPath("$.items[0].eventId").isEqualTo(eventId)
                    .jsonPath("$.items[0].messageId").isEqualTo(delivered.header("webhook-id"));
        }
    }

    @Test
    void readsRoutingFromTheEventWhenAProducerLeftOutTheHeaders() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            subscribe(receiver, ConfigTopicFixture.newSecret(), "job.closed");
            String eventId = publishEvent("job.closed", false);
            assertThat(receiver.await(1, Duration.ofSeconds(20)).get(0).body()).contains(eventId);
        }
    }

    @Test
    void deadLettersAMalformedRecordAndKeepsConsuming() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            subscribe(receiver, ConfigTopicFixture.newSecret(), "job.archived");
            send(new ProducerRecord<>(prefix + "ats.events.v1", "poison-" + tenant, "this is not an event"));
            String after = publishEvent("job.archived", true);
            assertThat(receiver.await(1, Duration.ofSeconds(20)).get(0).body()).contains(after);
            try (var dead = new TopicReader(prefix + "ats.dispatcher.malformed.v1")) {
                var records = dead.readUntil(rs -> rs.stream().anyMatch(r -> ("poison-" + tenant).equals(r.key())), Duration.ofSeconds(10));
                var poison = records.stream().filter(r -> ("poison-" + tenant).equals(r.key())).findFirst().orElseThrow();
                assertThat(poison.value()).isEqualTo("this is not an event");
                assertThat(poison.headers()).containsEntry("rejection-code", "malformed_event").containsKey("original-offset");
            }
        }
    }

    @Test
    void logsAFailedAttemptWithTheEndpointsAnswer() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            // tabs, line breaks and backslashes survive the attempt log's COPY escaping
            receiver.respond(r -> WebhookReceiver.Reply.status(500).withBody("database is down\n\tretry \\N later\r\n"));
            String endpoint = subscribe(receiver, ConfigTopicFixture.newSecret(), "job.filled");
            publishEvent("job.filled", true);
            receiver.await(1, Duration.ofSeconds(20));
            awaitAttempts(endpoint, 1);
            http.get().uri("/v1/attempts?endpointId={id}", endpoint).headers(h -> h.setBearerAuth(adminKey)).exchange()
                    .expectBody().jsonPath("$.items[0].outcome").isEqualTo("retryable").jsonPath("$.items[0].httpStatus").isEqualTo(500)
                    .jsonPath("$.items[0].responseExcerpt").isEqualTo("database is down\n\tretry \\N later\r\n");
        }
    }

    @Test
    void anotherTenantsKeySeesNeitherTheEndpointNorItsAttempts() {
        try (var receiver = new WebhookReceiver()) {
            String endpoint = subscribe(receiver, ConfigTopicFixture.newSecret(), "job.opened");
            String otherKey = config.publishKey(ConfigTopicFixture.newTenantId(), "admin");
            Instant deadline = Instant.now().plusSeconds(20);
            while (http.get().uri("/v1/attempts").headers(h -> h.setBearerAuth(otherKey)).exchange()
                    .expectBody().returnResult().getStatus().value() == 401) {
                assertThat(Instant.now()).isBefore(deadline);
                pause();
            }
            http.get().uri("/v1/endpoints/{id}", endpoint).headers(h -> h.setBearerAuth(otherKey)).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
            http.get().uri("/v1/attempts?endpointId={id}", endpoint).headers(h -> h.setBearerAuth(otherKey)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
            http.get().uri("/v1/nothing-here").headers(h -> h.setBearerAuth(otherKey)).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        }
    }

    /** Between polls: a busy loop of requests only loads the server the test is waiting on. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitAttempts(String endpoint, int count) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            var body = http.get().uri("/v1/attempts?endpointId={id}", endpoint).headers(h -> h.setBearerAuth(adminKey))
                    .exchange().expectBody(Map.class).returnResult().getResponseBody();
            if (body != null && ((List<?>) body.get("items")).size() >= count) {
                return;
            }
            assertThat(Instant.now()).as("attempts logged").isBefore(deadline);
            pause();
        }
    }
}
