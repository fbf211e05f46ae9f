package dev.atsrelay.config.trigger;

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
class StageTriggerIntegrationTests {

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void onlyOneTemplateIsTheDefaultAndTemplatesArePublished() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        api.stages(tenant.adminKey(), "st-applied", "Applied", false, "st-offer", "Offer", false, "st-filled", "Filled", true);
        String action = api.backgroundAction(tenant.adminKey(), "http://127.0.0.1:9/hris");
        var first = api.post(tenant.adminKey(), "/v1/job-templates", Map.of("name", "Default", "isDefault", true,
                "stages", List.of(Map.of("stageId", "st-offer", "actionIds", List.of(action)))), 201);
        var second = api.post(tenant.adminKey(), "/v1/job-templates", Map.of("name", "Engineering", "isDefault", true,
                "stages", List.of()), 201);
        http.get().uri("/v1/job-templates/{id}", first.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey())).exchange()
                .expectBody().jsonPath("$.isDefault").isEqualTo(false);
        http.post().uri("/v1/job-templates/{id}/make-default", first.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.isDefault").isEqualTo(true);
        http.get().uri("/v1/job-templates/{id}", second.get("id")).headers(h -> h.setBearerAuth(tenant.adminKey())).exchange()
                .expectBody().jsonPath("$.isDefault").isEqualTo(false);
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("job_template:" + tenant.id() + ":" + first.get("id")).equals(r.key())
                    && r.value().contains("\"isDefault\":true") && r.value().contains(action)), Duration.ofSeconds(10));
        }
    }

    @Test
    void triggersNameKnownStagesAndActionsThatNeedNoUser() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        api.stages(tenant.adminKey(), "st-offer", "Offer", false);
        String popup = (String) api.post(tenant.adminKey(), "/v1/custom-actions", Map.of("type", "manual", "name", "Ask",
                "description", "Asks.", "endpointUrl", "http://127.0.0.1:9/ask", "manual", Map.of("displayAreas", List.of("candidate"),
                        "permissions", List.of("ask"), "behaviour", "popup", "form", Map.of("fields", List.of(
                                Map.of("name", "q", "label", "Question", "type", "text", "required", true))))), 201).get("id");
        http.put().uri("/v1/jobs/J-1/stage-triggers").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("stages", List.of(Map.of("stageId", "st-nope", "actionIds", List.of(popup, "act_missing")))))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[*].pointer").value(p -> assertThat((List<String>) p).containsExactlyInAnyOrder(
                        "/stages/0/stageId", "/stages/0/actionIds/0", "/stages/0/actionIds/1"));
    }

    @Test
    void aJobsTriggersAreReplacedAsAWholeWithOptimisticConcurrency() {
        var api = new Api(http);
        var tenant = api.createTenant("Acme");
        api.stages(tenant.adminKey(), "st-offer", "Offer", false);
        String action = api.backgroundAction(tenant.adminKey(), "http://127.0.0.1:9/hris");
        http.get().uri("/v1/jobs/J-9/stage-triggers").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isNotFound();
        var body = Map.of("stages", List.of(Map.of("stageId", "st-offer", "actionIds", List.of(action))));
        http.put().uri("/v1/jobs/J-9/stage-triggers").headers(h -> h.setBearerAuth(tenant.adminKey())).bodyValue(body)
                .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        http.put().uri("/v1/jobs/J-9/stage-triggers").headers(h -> h.setBearerAuth(tenant.adminKey())).header("If-Match", "\"5\"")
                .bodyValue(body).exchange().expectStatus().isEqualTo(412);
        http.put().uri("/v1/jobs/J-9/stage-triggers").headers(h -> h.setBearerAuth(tenant.adminKey())).header("If-Match", "\"1\"")
                .bodyValue(body).exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("job_triggers:" + tenant.id() + ":J-9").equals(r.key())
                    && r.value().contains("\"version\":2")), Duration.ofSeconds(10));
        }
    }

    @Test
    void workflowStagesAllowOneFilledStageOnly() {
        var tenant = new Api(http).createTenant("Acme");
        http.put().uri("/v1/workflow-stages").headers(h -> h.setBearerAuth(tenant.adminKey()))
                .bodyValue(Map.of("stages", List.of(Map.of("stageId", "a", "name", "A", "filled", true),
                        Map.of("stageId", "b", "name", "B", "filled", true), Map.of("stageId", "a", "name", "A again", "filled", false))))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[*].pointer").value(p -> assertThat((List<String>) p).containsExactlyInAnyOrder("/stages/2/stageId", "/stages"));
    }
}
