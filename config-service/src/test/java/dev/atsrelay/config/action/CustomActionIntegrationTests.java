package dev.atsrelay.config.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.Api;
import dev.atsrelay.config.DispatcherStub;
import dev.atsrelay.config.IntegrationTest;
import dev.atsrelay.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class CustomActionIntegrationTests {

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
    void createsAManualPopupActionWithItsFormAndPublishesIt() {
        var tenant = api().createTenant("Acme");
        var action = api().post(tenant.adminKey(), "/v1/custom-actions", Map.of("type", "manual", "name", "Request reference check",
                "description", "Asks two referees for a reference. The candidate must have consented.",
                "endpointUrl", "http://127.0.0.1:9/refcheck",
                "manual", Map.of("displayAreas", List.of("candidate", "referral_workflow"), "permissions", List.of("refcheck.run"),
                        "behaviour", "popup", "form", Map.of("fields", List.of(
                                Map.of("name", "referees", "label", "How many referees", "type", "select", "required", true,
                                        "options", List.of("1", "2", "3")),
                                Map.of("name", "note", "label", "Note to the referees", "type", "textarea", "required", false))))), 201);
        assertThat((String) action.get("secret")).startsWith("whsec_");
        assertThat(action.get("type")).isEqualTo("manual");
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("action:" + tenant.id() + ":" + action.get("id")).equals(r.key())
                    && r.value().contains("\"behaviour\":\"popup\"") && r.value().contains("ciphertext")), Duration.ofSeconds(10));
        }
    }

    @Test
    void aRedirectActionNeedsAnHttpsTemplateWithKnownPlaceholders() {
        var tenant = api().createTenant("Acme");
        http.post().uri("/v1/custom-actions").headers(h -> h.setBearerAuth(tenant.adminKey())).bodyValue(Map.of(
                        "type", "manual", "name", "Open in HRIS", "description", "Opens the HRIS.", "endpointUrl", "http://127.0.0.1:9/x",
                        "manual", Map.of("displayAreas", List.of("candidate", "the_fridge"), "permissions", List.of("hris"),
                                "behaviour", "redirect", "redirectUrlTemplate", "https://hris.example/c/{recordId}?u={password}")))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[*].pointer").value(p -> assertThat((List<String>) p)
                        .containsExactlyInAnyOrder("/manual/displayAreas/1", "/manual/redirectUrlTemplate"));
    }

    @Test
    void anEventActionOnStagesRefusesTheFilledStageWithAClearError() {
        var tenant = api().createTenant("Acme");
        api().stages(tenant.adminKey(), "st-screen", "Phone screen", false, "st-interview", "Interview", false, "st-filled", "Filled", true);
        Map<String, Object> base = Map.of("type", "event", "name", "Notify payroll", "description", "Tells payroll.",
                "endpointUrl", "http://127.0.0.1:9/payroll");
        var withFilled = new java.util.HashMap<>(base);
        withFilled.put("event", Map.of("trigger", "stage_entered", "stageIds", List.of("st-interview", "st-filled")));
        http.post().uri("/v1/custom-actions").headers(h -> h.setBearerAuth(tenant.adminKey())).bodyValue(withFilled)
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("filled_stage_not_allowed")
                .jsonPath("$.errors[0].pointer").isEqualTo("/event/stageIds/1")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("Job Order Fill"));
        var good = new java.util.HashMap<>(base);
        good.put("event", Map.of("trigger", "stage_entered", "stageIds", List.of("st-interview")));
        api().post(tenant.adminKey(), "/v1/custom-actions", good, 201);
        var fill = new java.util.HashMap<>(base);
        fill.put("event", Map.of("trigger", "job_fill"));
        assertThat(api().post(tenant.adminKey(), "/v1/custom-actions", fill, 201).get("event")).isEqualTo(Map.of("trigger", "job_fill"));
    }

    @Test
    void aMarketplaceActionNamesItsVendor() {
        var tenant = api().createTenant("Acme");
        http.post().uri("/v1/custom-actions").headers(h -> h.setBearerAuth(tenant.adminKey())).bodyValue(Map.of(
                        "type", "marketplace", "name", "Skills test", "description", "Sends a skills test.",
                        "endpointUrl", "http://127.0.0.1:9/vendor", "marketplace", Map.of("configVersion", "3")))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/marketplace/vendorId");
        api().post(tenant.adminKey(), "/v1/custom-actions", Map.of("type", "marketplace", "name", "Skills test",
                "description", "Sends a skills test.", "endpointUrl", "http://127.0.0.1:9/vendor",
                "marketplace", Map.of("vendorId", "ven_1", "configVersion", "3")), 201);
    }

    @Test
    void aTestRunSendsASampleActionInvokedMarkedAsATest() {
        var tenant = api().createTenant("Acme");
        String id = api().backgroundAction(tenant.adminKey(), "http://127.0.0.1:9/hris");
        DispatcherStub.SERVER.clear();
        http.post().uri("/v1/custom-actions/{id}/test", id).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.passed").isEqualTo(true);
        var sent = DispatcherStub.SERVER.await(1, Duration.ofSeconds(5)).get(0);
        assertThat(sent.body()).contains("\"type\":\"action.invoked\"", "\"test\":true", "\"ownerId\":\"" + id + "\"")
                .doesNotContain("whsec_");
    }

    @Test
    void theTypeCannotBeMixedUp() {
        var tenant = api().createTenant("Acme");
        http.post().uri("/v1/custom-actions").headers(h -> h.setBearerAuth(tenant.adminKey())).bodyValue(Map.of(
                        "type", "event", "name", "x", "description", "y", "endpointUrl", "http://127.0.0.1:9/x",
                        "event", Map.of("trigger", "job_fill"),
                        "manual", Map.of("displayAreas", List.of("candidate"), "permissions", List.of("p"), "behaviour", "background")))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/manual");
    }

    @Test
    void disablingAndDeletingArePublished() {
        var tenant = api().createTenant("Acme");
        String id = api().backgroundAction(tenant.adminKey(), "http://127.0.0.1:9/hris");
        http.post().uri("/v1/custom-actions/{id}/disable", id).headers(h -> h.setBearerAuth(tenant.adminKey())).header("If-Match", "\"1\"")
                .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"").expectBody().jsonPath("$.enabled").isEqualTo(false);
        http.delete().uri("/v1/custom-actions/{id}", id).headers(h -> h.setBearerAuth(tenant.adminKey())).header("If-Match", "\"1\"")
                .exchange().expectStatus().isEqualTo(412);
        http.delete().uri("/v1/custom-actions/{id}", id).headers(h -> h.setBearerAuth(tenant.adminKey()))
                .exchange().expectStatus().isNoContent();
        try (var topic = new TopicReader(prefix + "ats.config.v1")) {
            topic.readUntil(rs -> rs.stream().anyMatch(r -> ("action:" + tenant.id() + ":" + id).equals(r.key()) && r.value() == null),
                    Duration.ofSeconds(10));
        }
    }
}
