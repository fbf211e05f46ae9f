package dev.atsrelay.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.Api;
import dev.atsrelay.config.DispatcherStub;
import dev.atsrelay.config.IntegrationTest;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.TopicReader;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class WebhookIntegrationTests {

    @DynamicPropertySource
    static void dispatcher(DynamicPropertyRegistry registry) {
        DispatcherStub.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    private Api api() {
        return new Api(http);
    }

    @Test
    void aNewWebhookWaitsForATestAndItsSecretIsShownOnce() {
        var tenant = api().createTenant("Acme Recruiting");
        Map<String, Object> webhook = api().createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened");
        assertThat((String) webhook.get("secret")).startsWith("whsec_");
        assertThat(webhook.get("status")).isEqualTo("pending_test");
        http.get().uri("/v1/webhooks/{id}", webhook.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.secret").doesNotExist().jsonPath("$.secrets[0].id").exists();
    }

    @Test
    void saveNeedsAPassingTestOfTheCurrentUrl() {
        var tenant = api().createTenant("Acme");
        String key = tenant.adminKey();
        var failing = api().createWebhook(key, "http://127.0.0.1:9/fails", "job.opened");
        String id = (String) failing.get("id");
        activate(key, id).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("test_required");
        test(key, id, null).expectStatus().isOk().expectBody().jsonPath("$.passed").isEqualTo(false).jsonPath("$.status").isEqualTo(500);
        activate(key, id).expectStatus().isEqualTo(422);
        patch(key, id, null, Map.of("url", "http://127.0.0.1:9/works")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("pending_test");
        test(key, id, null).expectStatus().isOk().expectBody().jsonPath("$.passed").isEqualTo(true);
        activate(key, id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("active").jsonPath("$.enabled").isEqualTo(true);
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("webhook:" + id).equals(r.key()) && r.value() != null
                    && r.value().contains("\"status\":\"active\"")), Duration.ofSeconds(10));
        }
    }

    @Test
    void skippingTheTestIsAnExplicitDocumentedOverride() {
        var tenant = api().createTenant("Acme");
        String id = (String) api().createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened").get("id");
        http.post().uri("/v1/webhooks/{id}/activate", id).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("skipTest", true)).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/reason");
        http.post().uri("/v1/webhooks/{id}/activate", id).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("skipTest", true, "reason", "receiver is behind a VPN the dispatcher cannot reach yet"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("active");
    }

    @Test
    void anActiveWebhooksUrlChangesOnlyAfterTheNewUrlPassedATest() {
        var tenant = api().createTenant("Acme");
        String key = tenant.adminKey();
        String id = activeWebhook(key);
        patch(key, id, null, Map.of("url", "http://127.0.0.1:9/moved")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("test_required");
        test(key, id, "http://127.0.0.1:9/moved").expectStatus().isOk().expectBody().jsonPath("$.passed").isEqualTo(true);
        patch(key, id, null, Map.of("url", "http://127.0.0.1:9/moved")).expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("http://127.0.0.1:9/moved").jsonPath("$.status").isEqualTo("active");
    }

    @Test
    void staleAndConcurrentEditsAreRefused() {
        var tenant = api().createTenant("Acme");
        String key = tenant.adminKey();
        String id = (String) api().createWebhook(key, "http://127.0.0.1:9/hooks", "job.opened").get("id");
        patch(key, id, "\"7\"", Map.of("description", "stale")).expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.code").isEqualTo("version_mismatch");
        List<CompletableFuture<Integer>> edits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String description = "edit " + i;
            edits.add(CompletableFuture.supplyAsync(() -> patch(key, id, "\"1\"", Map.of("description", description))
                    .expectBody().returnResult().getStatus().value()));
        }
        List<Integer> statuses = edits.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).isSubsetOf(200, 409, 412);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    }

    @Autowired
    Webhooks store;

    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator tx;

    @Test
    void aChangeThatLostARaceIsAConflict() {
        var tenant = api().createTenant("Acme");
        String id = (String) api().createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened").get("id");
        var tenantId = new dev.atsrelay.config.id.TenantId(tenant.id());
        Webhook read = store.find(tenantId, id).block();
        var now = java.time.Instant.now();
        tx.transactional(store.update(read.enabled(false, "first", now))).block();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.transactional(store.update(read.enabled(false, "second", now))).block())
                .isInstanceOf(dev.atsrelay.config.api.ConcurrentModification.class);
        http.patch().uri("/v1/webhooks/{id}", id).headers(h -> h.setBearerAuth(tenant.adminKey())).bodyValue(Map.of("description", "x"))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"3\"");
    }

    @Test
    void rotatingASecretKeepsTheOldOneSigningForTheOverlap() {
        var tenant = api().createTenant("Acme");
        String key = tenant.adminKey();
        String id = (String) api().createWebhook(key, "http://127.0.0.1:9/hooks", "job.opened").get("id");
        http.post().uri("/v1/webhooks/{id}/rotate-secret", id).headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of("overlap", "PT1H")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.secret").value(s -> assertThat((String) s).startsWith("whsec_"))
                .jsonPath("$.secrets.length()").isEqualTo(2)
                .jsonPath("$.secrets[0].expiresAt").doesNotExist()
                .jsonPath("$.secrets[1].expiresAt").exists();
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("webhook:" + id).equals(r.key()) && r.value() != null
                    && r.value().contains("\"version\":2") && r.value().split("ciphertext").length == 3), Duration.ofSeconds(10));
        }
    }

    @Test
    void disableAndEnable() {
        var tenant = api().createTenant("Acme");
        String key = tenant.adminKey();
        String id = activeWebhook(key);
        http.post().uri("/v1/webhooks/{id}/disable", id).headers(h -> h.setBearerAuth(key)).bodyValue(Map.of("reason", "maintenance"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(false)
                .jsonPath("$.disabledReason").isEqualTo("maintenance");
        http.post().uri("/v1/webhooks/{id}/enable", id).headers(h -> h.setBearerAuth(key))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(true)
                .jsonPath("$.disabledReason").doesNotExist();
    }

    @Test
    void theDispatchersNoticeDisablesTheWebhookButNotAStaleOneAndAnUnreadableOneDoesNotBlockIt() throws Exception {
        var tenant = api().createTenant("Acme");
        String key = tenant.adminKey();
        String id = activeWebhook(key);
        String notice = """
                {"specversion":"1.0","id":"evt_disabled_%s_%d","source":"/atsrelay/dispatcher-service","type":"endpoint.disabled",
                 "tenantid":"%s","data":{"endpointId":"%s","reason":"%s","failingSince":"2026-11-18T10:00:00Z",
                 "disabledAt":"%s","lastStatus":410}}""";
        Instant now = Instant.now();
        // unreadable; then older than the webhook's last change (its owner re-enabled it since); then current
        List<String> notices = List.of("{not json",
                notice.formatted(id, 1, tenant.id(), id, "failing", now.minus(Duration.ofHours(1))),
                notice.formatted(id, 2, tenant.id(), id, "gone", now.plusSeconds(1)));
        // the platform topic exists: config-service declares it (as the dispatcher does) since it publishes action.invoked
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (String value : notices) {
                var record = new ProducerRecord<>(prefix + "ats.platform.v1", tenant.id() + ":endpoint/" + id, value);
                record.headers().add("ce_type", "endpoint.disabled".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            var body = http.get().uri("/v1/webhooks/{id}", id).headers(h -> h.setBearerAuth(key)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            if (Boolean.FALSE.equals(body.get("enabled"))) {
                assertThat((String) body.get("disabledReason")).isEqualTo("disabled by the dispatcher: gone");
                return;
            }
            assertThat(Instant.now()).as("webhook disabled by the notice").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void filtersAndSettingsAreCheckedFieldByField() {
        var tenant = api().createTenant("Acme");
        http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("url", "http://example.com/hooks", "eventTypes", List.of("job.opened", "job.exploded"),
                        "filters", Map.of("conditions", List.of(Map.of("path", "data.method", "op", "eq", "value", "api"),
                                Map.of("path", "/data/positionsFilled", "op", "gt", "value", "many"))),
                        "delivery", Map.of("rateLimitPerSecond", 0)))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("invalid_field")
                .jsonPath("$.errors[*].pointer").value(p -> assertThat((List<String>) p).containsExactlyInAnyOrder(
                        "/url", "/eventTypes/1", "/filters/conditions/0/path", "/filters/conditions/1/value", "/delivery"));
    }

    @Test
    void aWebhookAsksForItsOwnConcurrencyWithinBounds() {
        var tenant = api().createTenant("Acme");
        http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("job.opened"),
                        "delivery", Map.of("maxConcurrent", 513)))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].pointer").isEqualTo("/delivery")
                .jsonPath("$.errors[0].detail").isEqualTo("maxConcurrent must be between 1 and 512");
        var created = http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("job.opened"),
                        "delivery", Map.of("maxConcurrent", 256)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) created.get("delivery")).get("maxConcurrent")).isEqualTo(256);
    }

    @Test
    void listsPageByPageWithACursor() {
        var tenant = api().createTenant("Acme");
        for (int i = 0; i < 5; i++) {
            api().createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks/" + i, "job.opened");
        }
        var first = http.get().uri("/v1/webhooks?limit=2").headers(h -> h.setBearerAuth(tenant.adminKey())).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        String next = (String) first.get("next");
        var rest = http.get().uri("/v1/webhooks?limit=10&cursor={c}", next).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) rest.get("items")).hasSize(3);
        assertThat(rest.get("next")).isNull();
        http.get().uri("/v1/webhooks?limit=0").headers(h -> h.setBearerAuth(tenant.adminKey())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_parameter");
    }

    @Test
    void deletingPublishesATombstone() {
        var tenant = api().createTenant("Acme");
        var webhook = api().createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened");
        http.delete().uri("/v1/webhooks/{id}", webhook.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isNoContent();
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("webhook:" + webhook.get("id")).equals(r.key()) && r.value() == null),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void unknownRoutesAndMethodsAnswerWithACode() {
        var tenant = api().createTenant("Acme");
        http.get().uri("/v1/nothing-here").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        http.put().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isEqualTo(405).expectBody().jsonPath("$.code").isEqualTo("method_not_allowed");
    }

    private String activeWebhook(String key) {
        String id = (String) api().createWebhook(key, "http://127.0.0.1:9/hooks", "job.opened").get("id");
        test(key, id, null).expectStatus().isOk();
        activate(key, id).expectStatus().isOk();
        return id;
    }

    private WebTestClient.ResponseSpec test(String key, String id, String url) {
        return http.post().uri("/v1/webhooks/{id}/test", id).headers(h -> h.setBearerAuth(key))
                .bodyValue(url == null ? Map.of() : Map.of("url", url)).exchange();
    }

    private WebTestClient.ResponseSpec activate(String key, String id) {
        return http.post().uri("/v1/webhooks/{id}/activate", id).headers(h -> h.setBearerAuth(key)).exchange();
    }

    private WebTestClient.ResponseSpec patch(String key, String id, String ifMatch, Map<String, Object> body) {
        return http.patch().uri("/v1/webhooks/{id}", id).headers(h -> {
            h.setBearerAuth(key);
            if (ifMatch != null) {
                h.setIfMatch(ifMatch);
            }
        }).bodyValue(body).exchange();
    }
}
