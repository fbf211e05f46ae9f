package dev.atsrelay.marketplace.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.marketplace.Fixture;
import dev.atsrelay.marketplace.MarketplaceTest;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import dev.atsrelay.testkit.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Accounts against a real HTTP server on 127.0.0.1 standing in for config-service's custom-action API: the request
 * marketplace-service sends there is asserted; the end-to-end run across real services lives in deploy/e2e.
 */
@MarketplaceTest
class AccountIntegrationTests {

    static final WebhookReceiver CONFIG_SERVICE = new WebhookReceiver();

    @DynamicPropertySource
    static void configService(DynamicPropertyRegistry registry) {
        registry.add("atsrelay.config.url", () -> CONFIG_SERVICE.url(""));
    }

    @AfterAll
    static void stop() {
        CONFIG_SERVICE.close();
    }

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @BeforeEach
    void answerLikeConfigService() {
        CONFIG_SERVICE.clear();
        CONFIG_SERVICE.respond(r -> switch (r.method()) {
            case "POST" -> Reply.status(201).withHeader("Content-Type", "application/json").withHeader("ETag", "\"1\"")
                    .withBody("{\"id\":\"act_fromconfig\",\"type\":\"marketplace\",\"secret\":\"whsec_c2VjcmV0\"}");
            case "GET" -> Reply.status(200).withHeader("Content-Type", "application/json").withHeader("ETag", "\"4\"")
                    .withBody("{\"id\":\"act_fromconfig\",\"version\":4}");
            default -> Reply.status(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"act_fromconfig\"}");
        });
    }

    private JsonNode connect(Fixture.Tenant tenant, Map<String, Object> body, HttpStatus expected) {
        return Fixture.json(http.post().uri("/v1/accounts").header("Authorization", tenant.bearer()).bodyValue(body).exchange()
                .expectStatus().isEqualTo(expected).expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void connectingCreatesTheMarketplaceActionInConfigServiceWithTheAgencysOwnKey() {
        var f = new Fixture(http, prefix);
        var vendor = f.vendor();
        var tenant = f.tenant();
        JsonNode account = connect(tenant, Map.of("vendorId", vendor.id(), "displayAreas", List.of("candidate"),
                "permissions", List.of("agency.checks")), HttpStatus.CREATED);
        assertThat(account.get("actionId").asString()).isEqualTo("act_fromconfig");
        assertThat(account.get("actionSecret").asString()).isEqualTo("whsec_c2VjcmV0");
        assertThat(account.get("state").asString()).isEqualTo("connected");

        var sent = CONFIG_SERVICE.await(1, Duration.ofSeconds(5)).get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/custom-actions");
        assertThat(sent.header("Authorization")).isEqualTo(tenant.bearer());
        JsonNode action = Fixture.json(sent.body());
        assertThat(action.get("type").asString()).isEqualTo("marketplace");
        assertThat(action.get("endpointUrl").asString()).isEqualTo("https://checks.example.com/ats");
        assertThat(action.get("manual").get("displayAreas").toString()).isEqualTo("[\"candidate\"]");
        assertThat(action.get("manual").get("permissions").toString()).isEqualTo("[\"agency.checks\"]");
        assertThat(action.get("marketplace").get("vendorId").asString()).isEqualTo(vendor.id());
        assertThat(action.get("marketplace").get("configVersion").asString()).isEqualTo("1");

        JsonNode again = connect(tenant, Map.of("vendorId", vendor.id()), HttpStatus.CONFLICT);
        assertThat(again.get("code").asString()).isEqualTo("already_connected");
        assertThat(CONFIG_SERVICE.received()).hasSize(1);
    }

    @Test
    void anAreaTheVendorDoesNotAllowIsRefusedBeforeConfigServiceIsCalled() {
        var f = new Fixture(http, prefix);
        var vendor = f.vendor();
        JsonNode problem = connect(f.tenant(), Map.of("vendorId", vendor.id(), "displayAreas", List.of("client")),
                HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/displayAreas/0");
        assertThat(CONFIG_SERVICE.received()).isEmpty();
    }

    @Test
    void whenConfigServiceRefusesNothingIsConnectedAndTheAgencyMayRetry() {
        var f = new Fixture(http, prefix);
        var vendor = f.vendor();
        var tenant = f.tenant();
        CONFIG_SERVICE.respond(r -> Reply.status(422).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"code\":\"invalid_field\",\"detail\":\"endpointUrl must use https\"}"));
        JsonNode problem = connect(tenant, Map.of("vendorId", vendor.id()), HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.get("code").asString()).isEqualTo("config_service_refused");
        assertThat(problem.get("upstream").get("code").asString()).isEqualTo("invalid_field");
        http.get().uri("/v1/accounts").header("Authorization", tenant.bearer()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        answerLikeConfigService();
        connect(tenant, Map.of("vendorId", vendor.id()), HttpStatus.CREATED);
    }

    @Test
    void aNewVendorVersionIsOnlyAnUpdateUntilTheAgencyAppliesIt() {
        var f = new Fixture(http, prefix);
        var vendor = f.vendor();
        var tenant = f.tenant();
        String accountId = connect(tenant, Map.of("vendorId", vendor.id()), HttpStatus.CREATED).get("id").asString();
        CONFIG_SERVICE.clear();

        http.post().uri("/v1/vendor/configurations").header("Authorization", vendor.bearer())
                .bodyValue(Fixture.configuration("https://checks.example.com/ats/v2")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(2);
        http.get().uri("/v1/accounts/{id}", accountId).header("Authorization", tenant.bearer()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.configVersion").isEqualTo(1).jsonPath("$.updateAvailable").isEqualTo(true)
                .jsonPath("$.update.version").isEqualTo(2)
                .jsonPath("$.update.configuration.endpointUrl").isEqualTo("https://checks.example.com/ats/v2");
        assertThat(CONFIG_SERVICE.received()).as("nothing changed under the agency").isEmpty();

        http.post().uri("/v1/accounts/{id}/apply-update", accountId).header("Authorization", tenant.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.configVersion").isEqualTo(2).jsonPath("$.updateAvailable").isEqualTo(false);
        var calls = CONFIG_SERVICE.await(2, Duration.ofSeconds(5));
        assertThat(calls).extracting(WebhookReceiver.Received::method).containsExactly("GET", "PATCH");
        assertThat(calls.get(1).path()).isEqualTo("/v1/custom-actions/act_fromconfig");
        assertThat(calls.get(1).header("If-Match")).isEqualTo("\"4\"");
        assertThat(Fixture.json(calls.get(1).body()).get("endpointUrl").asString()).isEqualTo("https://checks.example.com/ats/v2");
        http.post().uri("/v1/accounts/{id}/apply-update", accountId).header("Authorization", tenant.bearer()).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("up_to_date");
    }

    @Test
    void aVendorReachesOnlyConnectedAgenciesBeyondSessions() {
        var f = new Fixture(http, prefix);
        var vendor = f.vendor();
        var tenant = f.tenant();
        var stranger = f.tenant();
        connect(tenant, Map.of("vendorId", vendor.id()), HttpStatus.CREATED);
        Map<String, Object> request = Map.of("tenantId", tenant.id(), "kind", "background_check.status_changed",
                "recordRef", Map.of("area", "candidate", "recordId", "CAND-5521"), "payload", Map.of("status", "expired"));
        String eventId = Fixture.json(http.post().uri("/v1/vendor/requests").header("Authorization", vendor.bearer())
                .bodyValue(request).exchange().expectStatus().isAccepted().expectBody(String.class).returnResult()
                .getResponseBody()).get("eventId").asString();
        http.post().uri("/v1/vendor/requests").header("Authorization", vendor.bearer())
                .bodyValue(Map.of("tenantId", stranger.id(), "kind", "x")).exchange().expectStatus().isNotFound();
        http.post().uri("/v1/vendor/requests").header("Authorization", f.vendor().bearer())
                .bodyValue(request).exchange().expectStatus().isNotFound();

        try (var reader = new TopicReader(prefix + "ats.platform.v1")) {
            var record = reader.readUntil(rs -> rs.stream().anyMatch(r -> eventId.equals(r.headers().get("ce_id"))), Duration.ofSeconds(30))
                    .stream().filter(r -> eventId.equals(r.headers().get("ce_id"))).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(tenant.id() + ":vendor/" + vendor.id());
            assertThat(record.headers()).containsEntry("ce_type", "marketplace.request_received")
                    .doesNotContainKey("session-expires-at");
            assertThat(Fixture.json(record.value()).get("data").get("payload").get("status").asString()).isEqualTo("expired");
        }
    }
}
