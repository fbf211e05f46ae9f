package dev.atsrelay.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.Api;
import dev.atsrelay.config.IntegrationTest;
import dev.atsrelay.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class WebhookIntegrationTests {

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void createdWebhookIsPublishedOnTheConfigTopicWithItsSecretEncrypted() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme Recruiting");
        Map<String, Object> webhook = api.createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened");
        String secret = (String) webhook.get("secret");
        assertThat(secret).startsWith("whsec_");

        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            var records = topic.readUntil(rs -> rs.stream().anyMatch(r -> ("webhook:" + webhook.get("id")).equals(r.key())),
                    Duration.ofSeconds(10));
            var record = records.stream().filter(r -> ("webhook:" + webhook.get("id")).equals(r.key())).findFirst().orElseThrow();
            assertThat(record.value()).contains("\"tenantId\":\"" + tenant.id() + "\"", "\"job.opened\"", "\"ciphertext\":\"k1:")
                    .doesNotContain(secret.substring(6));
            assertThat(records).anyMatch(r -> r.key().startsWith("api_key:") && r.value().contains("sha256:")
                    && !r.value().contains(tenant.adminKey()));
        }
    }

    @Test
    void secretIsShownOnlyInTheAnswerThatCreatesTheWebhook() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        var webhook = api.createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened");
        http.get().uri("/v1/webhooks/{id}", webhook.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.secret").doesNotExist().jsonPath("$.url").isEqualTo("http://127.0.0.1:9/hooks");
    }

    @Test
    void anotherTenantCannotSeeOrDeleteTheWebhook() {
        var api = new Api(http);
        var owner = api.createTenant("Owner");
        var other = api.createTenant("Other");
        var webhook = api.createWebhook(owner.adminKey(), "http://127.0.0.1:9/hooks", "job.opened");
        http.get().uri("/v1/webhooks/{id}", webhook.get("id")).headers(h -> h.setBearerAuth(other.adminKey()))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        http.delete().uri("/v1/webhooks/{id}", webhook.get("id")).headers(h -> h.setBearerAuth(other.adminKey()))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/webhooks").headers(h -> h.setBearerAuth(other.adminKey()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void keysWithoutTheAdminScopeCannotConfigure() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        String eventsKey = api.issueKey(tenant.adminKey(), "events:write");
        http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(eventsKey))
                .bodyValue(Map.of("url", "https://example.com/hooks", "eventTypes", List.of("job.opened")))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        http.get().uri("/v1/webhooks").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void rejectsPlainHttpForHostsTheOperatorDidNotAllowAndUnknownEventTypes() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("url", "http://example.com/hooks", "eventTypes", List.of("job.opened")))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_field").jsonPath("$.errors[0].pointer").isEqualTo("/url");
        http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("url", "https://example.com/hooks", "eventTypes", List.of("job.opened", "job.exploded")))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/eventTypes/1");
    }

    @Test
    void deletingPublishesATombstone() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        var webhook = api.createWebhook(tenant.adminKey(), "http://127.0.0.1:9/hooks", "job.opened");
        http.delete().uri("/v1/webhooks/{id}", webhook.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isNoContent();
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("webhook:" + webhook.get("id")).equals(r.key()) && r.value() == null),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void unknownRoutesAndMethodsAnswerWithACode() {
        var tenant = new Api(http).createTenant("Acme");
        http.get().uri("/v1/nothing-here").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        http.put().uri("/v1/webhooks").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isEqualTo(405).expectBody().jsonPath("$.code").isEqualTo("method_not_allowed");
    }
}
