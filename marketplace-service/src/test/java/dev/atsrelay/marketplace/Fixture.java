package dev.atsrelay.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The calls the integration tests share: a vendor, a tenant's admin key, a session, over real HTTP. */
public final class Fixture {

    public static final String OPERATOR = "Bearer test-operator-token-0123456789abcdef";
    public static final String INTERNAL = "Bearer test-internal-token-0123456789abcdef";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Vendor(String id, String key) {

        public String bearer() {
            return "Bearer " + key;
        }
    }

    public record Tenant(String id, String key) {

        public String bearer() {
            return "Bearer " + key;
        }
    }

    private final WebTestClient http;
    private final ConfigTopicFixture config;

    public Fixture(WebTestClient http, String prefix) {
        this.http = http;
        this.config = new ConfigTopicFixture(prefix);
    }

    public static Map<String, Object> configuration(String endpointUrl) {
        return Map.of("name", "Background check", "description", "Runs a background check; the candidate must consent.",
                "endpointUrl", endpointUrl,
                "manual", Map.of("displayAreas", List.of("candidate", "referral_workflow", "job_order"),
                        "permissions", List.of("checks.run"), "behaviour", "background"),
                "eventTriggers", List.of("stage_entered"));
    }

    public Vendor vendor() {
        JsonNode v = json(http.post().uri("/v1/vendors").header("Authorization", OPERATOR)
                .bodyValue(Map.of("name", "CheckCo " + UUID.randomUUID(), "capabilities", List.of("background_check"),
                        "configuration", configuration("https://checks.example.com/ats")))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        return new Vendor(v.get("id").asString(), v.get("apiKey").get("key").asString());
    }

    /** A tenant with an admin key published on the configuration topic, once this service has read it. */
    public Tenant tenant() {
        String tenantId = ConfigTopicFixture.newTenantId();
        String key = config.publishKey(tenantId, "admin");
        Instant deadline = Instant.now().plusSeconds(30);
        while (http.get().uri("/v1/sessions").header("Authorization", "Bearer " + key).exchange()
                .expectBody().returnResult().getStatus().value() != 200) {
            assertThat(Instant.now()).as("the admin key reached the service").isBefore(deadline);
            sleep(Duration.ofMillis(50));
        }
        return new Tenant(tenantId, key);
    }

    public static Map<String, Object> openRequest(Tenant tenant, Vendor vendor, String invocationId) {
        return Map.of("tenantId", tenant.id(), "vendorId", vendor.id(), "actionId", "act_marketplace1",
                "invocationId", invocationId,
                "records", List.of(Map.of("area", "candidate", "recordId", "CAND-1", "candidateId", "CAND-1")),
                "context", Map.of("candidate", Map.of("name", "Dana Whitfield")));
    }

    /** Opens a session through the internal API; returns its answer. */
    public JsonNode open(Tenant tenant, Vendor vendor) {
        return json(http.post().uri("/internal/v1/sessions").header("Authorization", INTERNAL)
                .bodyValue(openRequest(tenant, vendor, "inv_" + UUID.randomUUID()))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    public WebTestClient.ResponseSpec readAsVendor(Vendor vendor, String sessionId) {
        return http.get().uri("/v1/vendor/sessions/{id}", sessionId).header("Authorization", vendor.bearer()).exchange();
    }

    public WebTestClient.ResponseSpec postResult(Vendor vendor, String sessionId, Map<String, Object> body) {
        return http.post().uri("/v1/vendor/sessions/{id}/results", sessionId).header("Authorization", vendor.bearer())
                .bodyValue(body).exchange();
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    public static HttpStatus status(WebTestClient.ResponseSpec spec) {
        return HttpStatus.valueOf(spec.expectBody().returnResult().getStatus().value());
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
