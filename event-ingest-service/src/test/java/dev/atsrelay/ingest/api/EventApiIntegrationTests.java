package dev.atsrelay.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.ingest.IntegrationTest;
import dev.atsrelay.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class EventApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    String tenant;
    String key;

    @BeforeEach
    void tenantWithAnEventsKey() throws Exception {
        tenant = ConfigTopicFixture.newTenantId();
        key = new ConfigTopicFixture(prefix).publishKey(tenant, "events:write");
        awaitKeyKnown(key);
    }

    private void awaitKeyKnown(String apiKey) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            int status = http.post().uri("/v1/events").headers(h -> h.setBearerAuth(apiKey)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectBody().returnResult().getStatus().value();
            if (status != 401) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the key never reached the ingest service");
    }

    static ObjectNode example(String type) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("../docs/events/examples/" + type + ".json")));
        event.put("id", "evt_" + UUID.randomUUID());
        event.remove("tenantid");
        return event;
    }

    private WebTestClient.ResponseSpec post(Object event) {
        return http.post().uri("/v1/events").headers(h -> h.setBearerAuth(key)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event.toString()).exchange();
    }

    @Test
    void acceptsAnEventAfterKafkaHasItKeyedByTenantAndJob() throws Exception {
        ObjectNode event = example("job.opened");
        post(event).expectStatus().isAccepted().expectBody()
                .jsonPath("$.id").isEqualTo(event.get("id").asString()).jsonPath("$.status").isEqualTo("accepted");
        try (var topic = new TopicReader(prefix + "ats.events.v1")) {
            var records = topic.readUntil(rs -> rs.stream().anyMatch(r -> r.value().contains(event.get("id").asString())), Duration.ofSeconds(10));
            var record = records.stream().filter(r -> r.value().contains(event.get("id").asString())).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(tenant + ":job:J-1042");
            assertThat(record.headers()).containsEntry("ce_type", "job.opened").containsEntry("ce_tenantid", tenant)
                    .containsEntry("ce_id", event.get("id").asString());
            assertThat(record.value()).contains("\"tenantid\":\"" + tenant + "\"");
        }
    }

    @Test
    void theRecordCarriesTheTraceOfTheRequest() throws Exception {
        ObjectNode event = example("job.opened");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        // unsampled (flags 00): the trace id propagates all the same
        http.post().uri("/v1/events").headers(h -> {
                    h.setBearerAuth(key);
                    h.set("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00");
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(event.toString()).exchange()
                .expectStatus().isAccepted();
        try (var topic = new TopicReader(prefix + "ats.events.v1")) {
            var records = topic.readUntil(rs -> rs.stream().anyMatch(r -> r.value().contains(event.get("id").asString())), Duration.ofSeconds(10));
            var record = records.stream().filter(r -> r.value().contains(event.get("id").asString())).findFirst().orElseThrow();
            assertThat(record.headers().get("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]")
                    .doesNotContain("00f067aa0ba902b7");
        }
    }

    @Test
    void aRepeatedEventIsAnsweredAsBeforeAndStoredOnce() throws Exception {
        ObjectNode event = example("job.closed");
        post(event).expectStatus().isAccepted().expectHeader().doesNotExist("Idempotent-Replayed");
        post(event).expectStatus().isAccepted().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.id").isEqualTo(event.get("id").asString());
        try (var topic = new TopicReader(prefix + "ats.events.v1")) {
            var records = topic.readFor(Duration.ofSeconds(2));
            assertThat(records.stream().filter(r -> r.value().contains(event.get("id").asString()))).hasSize(1);
        }
    }

    @Test
    void theSameIdWithOtherContentIsRefused() throws Exception {
        ObjectNode event = example("job.opened");
        post(event).expectStatus().isAccepted();
        ((ObjectNode) event.get("data")).put("title", "Another title");
        post(event).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
    }

    @Test
    void anIdempotencyKeyHeaderMakesRetriesOfTheSameRequestSafe() throws Exception {
        ObjectNode event = example("job.archived");
        String idempotencyKey = "retry-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            http.post().uri("/v1/events").headers(h -> {
                        h.setBearerAuth(key);
                        h.set("Idempotency-Key", idempotencyKey);
                    }).contentType(MediaType.APPLICATION_JSON).bodyValue(event.toString()).exchange()
                    .expectStatus().isAccepted();
        }
        http.post().uri("/v1/events").headers(h -> {
                    h.setBearerAuth(key);
                    h.set("Idempotency-Key", "has spaces");
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(event.toString()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_idempotency_key");
    }

    @Test
    void aBatchAnswersPerEvent() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        ObjectNode good = example("candidate.stage_entered");
        ObjectNode bad = example("job.filled");
        ((ObjectNode) bad.get("data")).put("method", "telepathy");
        ObjectNode sameIdOtherContent = good.deepCopy();
        ((ObjectNode) sameIdOtherContent.get("data")).put("candidateId", "CAND-OTHER");
        batch.add(good).add(bad).add(good.deepCopy()).add(example("webhook.test")).add(sameIdOtherContent);
        http.post().uri("/v1/events/batch").headers(h -> h.setBearerAuth(key)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch.toString()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.accepted").isEqualTo(2).jsonPath("$.rejected").isEqualTo(3).jsonPath("$.failed").isEqualTo(0)
                .jsonPath("$.results[0].status").isEqualTo("accepted")
                .jsonPath("$.results[1].status").isEqualTo("rejected")
                .jsonPath("$.results[1].problem.code").isEqualTo("invalid_data")
                .jsonPath("$.results[1].problem.errors[0].pointer").isEqualTo("/data/method")
                .jsonPath("$.results[2].status").isEqualTo("accepted").jsonPath("$.results[2].replayed").isEqualTo(true)
                .jsonPath("$.results[3].problem.code").isEqualTo("reserved_event_type")
                .jsonPath("$.results[4].status").isEqualTo("rejected")
                .jsonPath("$.results[4].problem.code").isEqualTo("idempotency_key_reused");
    }

    @Test
    void aKeyPostsForItsOwnTenantOnly() throws Exception {
        ObjectNode event = example("job.opened");
        event.put("tenantid", ConfigTopicFixture.newTenantId());
        post(event).expectStatus().isForbidden().expectBody()
                .jsonPath("$.code").isEqualTo("tenant_mismatch").jsonPath("$.errors[0].pointer").isEqualTo("/tenantid");
    }

    @Test
    void keysWithoutTheEventsScopeAndUnknownKeysAreRefused() throws Exception {
        String adminKey = new ConfigTopicFixture(prefix).publishKey(tenant, "admin");
        awaitKeyKnown(adminKey);
        http.post().uri("/v1/events").headers(h -> h.setBearerAuth(adminKey)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(example("job.opened").toString()).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        http.post().uri("/v1/events").headers(h -> h.setBearerAuth("atsr_nope")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(example("job.opened").toString()).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void refusesOversizedEventsAndBatches() throws Exception {
        ObjectNode event = example("job.closed");
        ((ObjectNode) event.get("data")).put("reason", "x".repeat(300 * 1024));
        post(event).expectStatus().isEqualTo(413).expectBody().jsonPath("$.code").isEqualTo("event_too_large");
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < 501; i++) {
            batch.add(JSON.createObjectNode());
        }
        http.post().uri("/v1/events/batch").headers(h -> h.setBearerAuth(key)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch.toString()).exchange()
                .expectStatus().isEqualTo(413).expectBody().jsonPath("$.code").isEqualTo("batch_too_large");
        http.post().uri("/v1/events").headers(h -> h.setBearerAuth(key)).contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello").exchange()
                .expectStatus().isEqualTo(415).expectBody().jsonPath("$.code").isEqualTo("unsupported_media_type");
    }

    static List<String> types() {
        return List.of("job.created", "job.updated", "job.opened", "job.closed", "job.archived", "job.published",
                "job.withdrawn", "job.filled", "candidate.stage_entered");
    }

    @Test
    void acceptsEveryAtsCoreTypeOfTheCatalogue() throws Exception {
        for (String type : types()) {
            post(example(type)).expectStatus().isAccepted();
        }
    }

    @Test
    void countsAcceptedRejectedAndReplayedEventsAndTimesTheProducer() throws Exception {
        ObjectNode event = example("job.published");
        post(event).expectStatus().isAccepted();
        post(event).expectStatus().isAccepted();
        post("{\"broken\"").expectStatus().isBadRequest();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body)
                        .containsPattern("atsrelay_ingest_events_accepted_total\\{[^}]*type=\"job.published\"[^}]*} [1-9]")
                        .containsPattern("atsrelay_ingest_events_rejected_total\\{[^}]*code=\"malformed_json\"[^}]*path=\"http\"")
                        .containsPattern("atsrelay_ingest_idempotent_replays_total\\{[^}]*} [1-9]")
                        .contains("atsrelay_ingest_produce_latency_seconds_bucket"));
    }
}
