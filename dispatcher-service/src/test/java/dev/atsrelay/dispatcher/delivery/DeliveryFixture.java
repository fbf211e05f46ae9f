package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A tenant with an admin key, its webhooks and events, driven through the configuration topic and the dispatcher's API. */
final class DeliveryFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final WebTestClient http;
    final String prefix;
    final ConfigTopicFixture config;
    final String tenant = ConfigTopicFixture.newTenantId();
    final String adminKey;

    DeliveryFixture(WebTestClient http, String prefix) {
        this.http = http;
        this.prefix = prefix;
        this.config = new ConfigTopicFixture(prefix);
        this.adminKey = config.publishKey(tenant, "admin");
    }

    String subscribe(String url, String settingsJson, String... types) {
        String id = ConfigTopicFixture.newWebhookId();
        config.publishWebhook(id, tenant, 1, url, ConfigTopicFixture.newSecret(), true, "{}", settingsJson, types);
        eventually("the endpoint reaches the dispatcher", () -> status("/v1/endpoints/" + id) == 200);
        return id;
    }

    String publish(String type) {
        return publish(type, "J-1042");
    }

    /** Publishes an event about job {@code jobId} (its Kafka key, and the FIFO key of ordered subscriptions). */
    String publish(String type, String jobId) {
        return publish(type, jobId, "evt_" + UUID.randomUUID());
    }

    /** Publishes event {@code id} about job {@code jobId}. */
    String publish(String type, String jobId, String id) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("../docs/events/examples/" + type + ".json")));
            event.put("id", id);
            event.put("tenantid", tenant);
            var record = new ProducerRecord<>(prefix + "ats.events.v1", tenant + ":job:" + jobId, event.toString());
            record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8)));
            Properties p = new Properties();
            p.put("bootstrap.servers", KafkaBroker.bootstrapServers());
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(record).get();
            }
            return id;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int status(String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(adminKey)).exchange().expectBody().returnResult().getStatus().value();
    }

    JsonNode get(String uri) {
        return JSON.readTree(http.get().uri(uri).headers(h -> h.setBearerAuth(adminKey)).exchange()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    /** The endpoint's attempts, oldest first. */
    List<JsonNode> attempts(String endpoint) {
        List<JsonNode> all = new java.util.ArrayList<>();
        get("/v1/attempts?limit=500&endpointId=" + endpoint).get("items").forEach(all::add);
        java.util.Collections.reverse(all);
        return all;
    }

    List<JsonNode> awaitAttempts(String endpoint, int count) {
        eventually(count + " attempts to " + endpoint, () -> attempts(endpoint).size() >= count);
        return attempts(endpoint);
    }

    JsonNode awaitMessage(String messageId, Predicate<JsonNode> state) {
        eventually("message " + messageId, () -> status("/v1/messages/" + messageId) == 200 && state.test(get("/v1/messages/" + messageId)));
        return get("/v1/messages/" + messageId);
    }

    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
