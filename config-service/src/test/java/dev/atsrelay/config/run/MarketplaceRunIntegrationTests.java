package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.DispatcherStub;
import dev.atsrelay.config.IntegrationTest;
import dev.atsrelay.config.MarketplaceStub;
import dev.atsrelay.config.TestClock;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marketplace actions run from buttons: a vendor session per record from marketplace-service (a real HTTP server on
 * 127.0.0.1 stands in for it) before anything is written, the session in each action.invoked, nothing written when
 * no session comes, and the session data gone from the run records at the session's expiry.
 */
@IntegrationTest
@Import(TestClock.class)
class MarketplaceRunIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MarketplaceStub MARKETPLACE = new MarketplaceStub(TestClock.CLOCK);
    private static final String TOKEN = "Bearer test-internal-token-0123456789abcdef";

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        DispatcherStub.register(registry);
        MARKETPLACE.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    SessionRedaction redaction;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @BeforeEach
    void freshStub() {
        MARKETPLACE.opensSessions();
        MARKETPLACE.server.clear();
    }

    private static String marketplaceAction(Runner runner, String behaviour, Map<String, Object> extra) {
        var manual = new HashMap<String, Object>(Map.of("displayAreas", List.of("candidate"), "permissions", List.of("skills"),
                "behaviour", behaviour));
        manual.putAll(extra);
        return (String) runner.api.post(runner.tenant.adminKey(), "/v1/custom-actions", Map.of("type", "marketplace",
                "name", "Skills test", "description", "Sends a skills test.", "endpointUrl", "http://127.0.0.1:9/vendor",
                "marketplace", Map.of("vendorId", "ven_skills"), "manual", manual), 201).get("id");
    }

    private static List<Map<String, Object>> candidates(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> Map.<String, Object>of("recordId", id, "candidateId", id)).toList();
    }

    private List<TopicReader.Record> invoked(String actionId, int count) {
        try (var topic = new TopicReader(prefix + "ats.platform.v1")) {
            topic.readUntil(rs -> rs.stream().filter(r -> r.value().contains("\"action/" + actionId + "\"")).count() >= count,
                    Duration.ofSeconds(15));
            return topic.readFor(Duration.ofSeconds(1)).stream()
                    .filter(r -> r.value().contains("\"action/" + actionId + "\"")).toList();
        }
    }

    private long count(String sql, String bind) {
        return db.sql(sql).bind("v", bind).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void aBackgroundRunOnThreeRecordsOpensASessionPerInvocationAndSendsItInEachEvent() {
        var acme = new Runner(http, "Acme");
        String id = marketplaceAction(acme, "background", Map.of());
        var accepted = acme.run(acme.runKey, "candidate", id, Runner.request("u-1", List.of("skills"),
                        candidates("C-1", "C-2", "C-3"), null))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(accepted).containsEntry("records", 3);

        List<WebhookReceiver.Received> calls = MARKETPLACE.server.received();
        assertThat(calls).hasSize(3);
        Map<String, JsonNode> sessionsByInvocation = new HashMap<>();
        Set<String> recordIds = new HashSet<>();
        for (WebhookReceiver.Received call : calls) {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/internal/v1/sessions");
            assertThat(call.header("authorization")).isEqualTo(TOKEN);
            JsonNode body = JSON.readTree(call.body());
            assertThat(body.get("tenantId").asString()).isEqualTo(acme.tenant.id());
            assertThat(body.get("vendorId").asString()).isEqualTo("ven_skills");
            assertThat(body.get("actionId").asString()).isEqualTo(id);
            assertThat(body.get("context")).as("a background run has no input to share").isNull();
            assertThat(body.get("records")).hasSize(1);
            JsonNode record = body.get("records").get(0);
            assertThat(record.get("area").asString()).isEqualTo("candidate");
            assertThat(record.get("candidateId").asString()).isEqualTo(record.get("recordId").asString());
            recordIds.add(record.get("recordId").asString());
            String invocation = body.get("invocationId").asString();
            sessionsByInvocation.put(invocation, JSON.readTree(MARKETPLACE.open(invocation, null).body()));
        }
        assertThat(recordIds).containsExactlyInAnyOrder("C-1", "C-2", "C-3");
        assertThat(sessionsByInvocation).hasSize(3);

        List<TopicReader.Record> sent = invoked(id, 3);
        assertThat(sent).hasSize(3);
        for (TopicReader.Record r : sent) {
            assertThat(ActionInvokedSchema.violations(r.value())).isEmpty();
            JsonNode data = JSON.readTree(r.value()).get("data");
            JsonNode opened = sessionsByInvocation.get(data.get("invocationId").asString());
            assertThat(opened).as("the event's invocation is one a session was opened for").isNotNull();
            assertThat(data.at("/session/sessionId").asString()).isEqualTo(opened.get("sessionId").asString());
            Instant expiresAt = Instant.parse(opened.get("expiresAt").asString());
            assertThat(Instant.parse(data.at("/session/expiresAt").asString())).isEqualTo(expiresAt);
            assertThat(Instant.parse(r.headers().get("session-expires-at"))).isEqualTo(expiresAt);
            assertThat(data.at("/action/type").asString()).isEqualTo("marketplace");
        }
        var run = acme.readRun(acme.runKey, (String) accepted.get("runId"), "");
        assertThat(run.get("records").toString()).contains("sessionId=vs_", "sessionExpiresAt=");
    }

    @Test
    void aRedirectRunOpensTheUrlWithItsEncodedSessionId() {
        var acme = new Runner(http, "Acme");
        String id = marketplaceAction(acme, "redirect", Map.of("redirectUrlTemplate",
                "https://vendor.example/start?session={sessionId}&candidate={recordId}"));
        MARKETPLACE.answer(body -> MARKETPLACE.open(body.get("invocationId").asString(), "vs_a/b+c d"));
        var answer = acme.run(acme.runKey, "candidate", id, Runner.request("u-1", List.of("skills"), candidates("C 7"), null))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer).containsEntry("kind", "redirect");
        assertThat(answer.get("url")).isEqualTo("https://vendor.example/start?session=vs_a%2Fb%2Bc%20d&candidate=C%207");
        assertThat(MARKETPLACE.server.received()).hasSize(1);
        assertThat(JSON.readTree(MARKETPLACE.server.received().get(0).body()).get("invocationId").asString())
                .isEqualTo(answer.get("invocationId"));
        var sent = invoked(id, 1);
        assertThat(sent.get(0).value()).contains("\"sessionId\":\"vs_a/b+c d\"");
        assertThat(ActionInvokedSchema.violations(sent.get(0).value())).isEmpty();
    }

    @Test
    void withoutEverySessionNothingIsWrittenAndTheCallerIsToldWhy() {
        var acme = new Runner(http, "Acme");
        String id = marketplaceAction(acme, "background", Map.of());
        var request = Runner.request("u-1", List.of("skills"), candidates("C-1", "C-2", "C-3"), null);

        // marketplace-service down: 503, for the whole bulk, even if only one record's session failed
        MARKETPLACE.answer(body -> "C-2".equals(body.at("/records/0/recordId").asString())
                ? MarketplaceStub.problem(503, "internal_error", "down") : null);
        acme.run(acme.runKey, "candidate", id, request).expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("marketplace_unavailable").jsonPath("$.upstream").doesNotExist();
        MARKETPLACE.answer(body -> MarketplaceStub.problem(503, "internal_error", "down"));
        acme.run(acme.runKey, "candidate", id, request).expectStatus().isEqualTo(503);

        // its refusals, with its problem kept
        MARKETPLACE.answer(body -> MarketplaceStub.problem(422, "invalid_field", "no such vendor"));
        acme.run(acme.runKey, "candidate", id, request).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("marketplace_refused")
                .jsonPath("$.upstream.code").isEqualTo("invalid_field")
                .jsonPath("$.upstreamStatus").isEqualTo(422)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("no such vendor"));
        MARKETPLACE.answer(body -> MarketplaceStub.problem(410, "session_expired", "the session expired"));
        acme.run(acme.runKey, "candidate", id, request).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("marketplace_conflict")
                .jsonPath("$.upstream.code").isEqualTo("session_expired");

        // marketplace-service refusing config-service's token is config-service's fault: 503, not the caller's
        MARKETPLACE.answer(body -> MarketplaceStub.problem(401, "unauthenticated", "bad token"));
        acme.run(acme.runKey, "candidate", id, request).expectStatus().isEqualTo(503);

        assertThat(MARKETPLACE.server.received().size()).isGreaterThanOrEqualTo(6);
        assertThat(count("SELECT count(*) FROM action_run WHERE tenant_id = :v", acme.tenant.id())).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = :v", acme.tenant.id() + ":action/" + id)).isZero();
        try (var topic = new TopicReader(prefix + "ats.platform.v1")) {
            assertThat(topic.readFor(Duration.ofSeconds(1))).noneMatch(r -> r.value().contains("\"action/" + id + "\""));
        }
    }

    @Test
    void atTheSessionsExpiryTheRunRecordsKeepNoSessionData() {
        var acme = new Runner(http, "Acme");
        String id = marketplaceAction(acme, "popup", Map.of("form", Map.of("fields", List.of(
                Map.of("name", "level", "label", "Level", "type", "text", "required", true)))));
        var accepted = acme.run(acme.runKey, "candidate", id, Runner.request("u-1", List.of("skills"),
                        candidates("C-1", "C-2"), Map.of("level", "senior")))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String runId = (String) accepted.get("runId");
        assertThat(JSON.readTree(MARKETPLACE.server.received().get(0).body()).get("context").toString())
                .isEqualTo("{\"input\":{\"level\":\"senior\"}}");
        invoked(id, 2);
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = :v", acme.tenant.id() + ":action/" + id))
                .as("published rows are deleted").isZero();

        Instant expiresAt = db.sql("SELECT min(session_expires_at) AS at FROM action_run_record WHERE run_id = :v")
                .bind("v", runId).map(row -> row.get("at", OffsetDateTime.class).toInstant()).one().block();
        assertThat(expiresAt).isBefore(TestClock.CLOCK.instant().plus(Duration.ofDays(7)).minusSeconds(14 * 60));
        assertThat(count("SELECT count(*) FROM action_run_record WHERE run_id = :v AND session_id IS NOT NULL", runId)).isEqualTo(2);

        TestClock.CLOCK.set(expiresAt.minusMillis(1));
        redaction.redactExpired().block();
        assertThat(count("SELECT count(*) FROM action_run_record WHERE run_id = :v AND session_id IS NOT NULL", runId)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM action_run WHERE id = :v AND input = '{}'::jsonb", runId)).isZero();

        TestClock.CLOCK.set(expiresAt.plusSeconds(1)); // both sessions were opened within the second
        redaction.redactExpired().block();
        assertThat(count("SELECT count(*) FROM action_run_record WHERE run_id = :v AND session_id IS NOT NULL", runId)).isZero();
        assertThat(count("SELECT count(*) FROM action_run WHERE id = :v AND input = '{}'::jsonb AND session_expires_at IS NULL",
                runId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM action_run_record WHERE run_id = :v AND session_expires_at IS NOT NULL", runId))
                .as("the expiry stays: it tells why the id is gone").isEqualTo(2);
        var run = acme.readRun(acme.runKey, runId, "");
        assertThat(run.toString()).doesNotContain("vs_", "senior");
        assertThat(Runner.totals(run)).containsEntry("records", 2);
    }
}
