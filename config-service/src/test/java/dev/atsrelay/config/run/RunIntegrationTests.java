package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.DispatcherStub;
import dev.atsrelay.config.IntegrationTest;
import dev.atsrelay.testkit.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ATS screen's side of manual custom actions: buttons, pop-up, redirect, background, permissions, tenants. */
@IntegrationTest
class RunIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dispatcher(DynamicPropertyRegistry registry) {
        DispatcherStub.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    private static List<Map<String, Object>> records(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> Map.<String, Object>of("recordId", id, "candidateId", id)).toList();
    }

    /** The action.invoked records of one action on the platform topic, once {@code count} of them are there. */
    private List<TopicReader.Record> invoked(String actionId, int count) {
        try (var topic = new TopicReader(prefix + "ats.platform.v1")) {
            Duration quiet = Duration.ofSeconds(1);
            topic.readUntil(rs -> rs.stream().filter(r -> r.value().contains("\"action/" + actionId + "\"")).count() >= count,
                    Duration.ofSeconds(15));
            return topic.readFor(quiet).stream().filter(r -> r.value().contains("\"action/" + actionId + "\"")).toList();
        }
    }

    @Test
    void aUserSeesOnlyTheButtonsTheyMayRunAndRunningAnotherAnswersLikeNoAction() {
        var acme = new Runner(http, "Acme");
        String refcheck = acme.action("Reference check", "candidate", List.of("refcheck.run", "refcheck.admin"), "background", Map.of());
        String hris = acme.action("send to HRIS", "candidate", List.of("hris.send"), "background", Map.of());
        String payroll = acme.action("Payroll", "job_order", List.of("refcheck.run"), "background", Map.of());
        String disabled = acme.action("Archive", "candidate", List.of("refcheck.run"), "background", Map.of());
        http.post().uri("/v1/custom-actions/{id}/disable", disabled).headers(h -> h.setBearerAuth(acme.tenant.adminKey()))
                .exchange().expectStatus().isOk();

        acme.buttons(acme.runKey, "candidate", "u-1", List.of("hris.send", "refcheck.admin", "something.else")).expectStatus().isOk()
                .expectBody().jsonPath("$.area").isEqualTo("candidate")
                .jsonPath("$.buttons[*].actionId").isEqualTo(List.of(refcheck, hris))
                .jsonPath("$.buttons[0].name").isEqualTo("Reference check")
                .jsonPath("$.buttons[0].behaviour").isEqualTo("background")
                .jsonPath("$.buttons[0].permissions").doesNotExist();
        String withoutPermission = acme.buttons(acme.runKey, "candidate", "u-2", List.of("refcheck.nothing")).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(withoutPermission).isEqualTo("{\"area\":\"candidate\",\"buttons\":[]}");
        acme.buttons(acme.runKey, "job_order", "u-1", List.of("refcheck.run")).expectBody()
                .jsonPath("$.buttons[*].actionId").isEqualTo(List.of(payroll));

        // blocked: another user's action, an action of another area, a disabled one — each exactly like no action at all
        var request = Runner.request("u-2", List.of("refcheck.nothing"), records("CAND-1"), null);
        String notPermitted = problem(acme.run(acme.runKey, "candidate", hris, request), 404);
        String missing = problem(acme.run(acme.runKey, "candidate", "act_01jdx3a9k4m8q2r6t0v5w7y9zz", request), 404);
        assertThat(notPermitted.replace(hris, "ID")).isEqualTo(missing.replace("act_01jdx3a9k4m8q2r6t0v5w7y9zz", "ID"));
        problem(acme.run(acme.runKey, "candidate", payroll, Runner.request("u-1", List.of("refcheck.run"), records("C"), null)), 404);
        problem(acme.run(acme.runKey, "candidate", disabled, Runner.request("u-1", List.of("refcheck.run"), records("C"), null)), 404);

        // only the actions:run scope may state a user's permissions; the area must be one of the twelve
        acme.buttons(acme.tenant.adminKey(), "candidate", "u-1", List.of("hris.send")).expectStatus().isForbidden();
        acme.buttons(acme.runKey, "kitchen", "u-1", List.of("hris.send")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("invalid_parameter").jsonPath("$.parameter").isEqualTo("area");
        acme.buttons(acme.runKey, "candidate", "", List.of("hris.send")).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].pointer").isEqualTo("/user/userId");
    }

    private static String problem(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectHeader().contentType("application/problem+json")
                .expectBody(String.class).returnResult().getResponseBody().replaceAll("\"instance\":\"[^\"]*\",?", "");
    }

    @Test
    void aPopupAnswersItsFormThenRunsWithTheSubmittedInput() {
        var acme = new Runner(http, "Acme");
        String id = acme.action("Request reference check", "candidate", List.of("refcheck.run"), "popup", Map.of("form", Map.of("fields", List.of(
                Map.of("name", "referees", "label", "How many referees", "type", "select", "required", true, "options", List.of("1", "2", "3")),
                Map.of("name", "start", "label", "Start date", "type", "date", "required", true),
                Map.of("name", "urgent", "label", "Urgent", "type", "checkbox", "required", false)))));
        var perms = List.of("refcheck.run");

        acme.run(acme.runKey, "candidate", id, Runner.request("u-77", perms, records("CAND-5521"), null)).expectStatus().isOk()
                .expectBody().jsonPath("$.kind").isEqualTo("form").jsonPath("$.runId").doesNotExist()
                .jsonPath("$.name").isEqualTo("Request reference check")
                .jsonPath("$.form.fields[0].name").isEqualTo("referees")
                .jsonPath("$.form.fields[0].options").isEqualTo(List.of("1", "2", "3"));

        acme.run(acme.runKey, "candidate", id, Runner.request("u-77", perms, records("CAND-5521"),
                        Map.of("referees", "5", "start", "tomorrow", "urgent", "yes", "salary", 1)))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_field")
                .jsonPath("$.errors[*].pointer").isEqualTo(List.of("/input/salary", "/input/referees", "/input/start", "/input/urgent"));
        acme.run(acme.runKey, "candidate", id, Runner.request("u-77", perms, records("CAND-5521"), Map.of()))
                .expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[*].pointer").isEqualTo(List.of("/input/referees", "/input/start"));

        var accepted = acme.run(acme.runKey, "candidate", id, Runner.request("u-77", perms, records("CAND-5521"),
                        Map.of("referees", 2, "start", "2026-12-01")))
                .expectStatus().isAccepted().expectHeader().valueMatches("Location", "/v1/runs/run_[0-9a-z]{26}")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(accepted).containsEntry("kind", "accepted").containsEntry("records", 1).containsEntry("status", "running");

        List<TopicReader.Record> sent = invoked(id, 1);
        assertThat(sent).as("the form and the refused inputs ran nothing").hasSize(1);
        TopicReader.Record record = sent.get(0);
        assertThat(ActionInvokedSchema.violations(record.value())).isEmpty();
        JsonNode event = JSON.readTree(record.value());
        JsonNode data = event.get("data");
        assertThat(record.key()).isEqualTo(acme.tenant.id() + ":action/" + id);
        assertThat(record.headers()).containsEntry("ce_type", "action.invoked").containsEntry("ce_tenantid", acme.tenant.id())
                .containsEntry("ce_id", event.get("id").asString());
        assertThat(event.get("id").asString()).isEqualTo("evt_" + data.get("invocationId").asString());
        assertThat(event.get("subject").asString()).isEqualTo("action/" + id);
        assertThat(data.get("invocationId").asString()).startsWith("inv_");
        assertThat(data.get("runId").asString()).isEqualTo(accepted.get("runId"));
        assertThat(data.get("input")).as("the input as submitted").isEqualTo(JSON.readTree("{\"referees\":2,\"start\":\"2026-12-01\"}"));
        assertThat(data.get("trigger").toString()).isEqualTo("{\"kind\":\"manual\"}");
        assertThat(data.get("action").toString()).contains("\"type\":\"manual\"", "\"name\":\"Request reference check\"");
        assertThat(data.get("user").toString()).isEqualTo("{\"userId\":\"u-77\",\"name\":\"Dana Whitfield\"}");
        assertThat(data.get("record").toString()).isEqualTo("{\"area\":\"candidate\",\"recordId\":\"CAND-5521\",\"candidateId\":\"CAND-5521\"}");
    }

    @Test
    void aRedirectAnswersTheUrlFilledWithEncodedValuesAndRecordsTheInvocation() {
        var acme = new Runner(http, "Acme");
        String id = acme.action("Open in HRIS", "candidate", List.of("hris"), "redirect", Map.of("redirectUrlTemplate",
                "https://hris.example/open/{recordId}?by={userId}&tenant={tenantId}&inv={invocationId}"));
        var answer = acme.run(acme.runKey, "candidate", id, Runner.request("dana+w@acme", List.of("hris"),
                        records("CAND 5/21?&x=é"), null))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String invocation = (String) answer.get("invocationId");
        assertThat(answer).containsEntry("kind", "redirect");
        assertThat(answer.get("url")).isEqualTo("https://hris.example/open/CAND%205%2F21%3F%26x%3D%C3%A9?by=dana%2Bw%40acme&tenant="
                + acme.tenant.id() + "&inv=" + invocation);
        var sent = invoked(id, 1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).value()).contains("\"invocationId\":\"" + invocation + "\"", "\"runId\":\"" + answer.get("runId") + "\"");
        assertThat(ActionInvokedSchema.violations(sent.get(0).value())).isEmpty();
        assertThat(acme.readRun(acme.runKey, (String) answer.get("runId"), "")).containsEntry("behaviour", "redirect");

        acme.run(acme.runKey, "candidate", id, Runner.request("u", List.of("hris"), records("A", "B"), null))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/records");
        acme.run(acme.runKey, "candidate", id, Runner.request("u", List.of("hris"), records("A"), Map.of("x", 1)))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/input");
    }

    @Test
    void aBackgroundRunIsAcceptedReadableByItsTenantOnlyAndDoneWhenDelivered() throws Exception {
        var acme = new Runner(http, "Acme");
        var globex = new Runner(http, "Globex");
        String id = acme.action("Send to HRIS", "job_order", List.of("hris.send"), "background", Map.of());
        var accepted = acme.run(acme.runKey, "job_order", id, Runner.request("u-1", List.of("hris.send"),
                        List.of(Map.of("recordId", "J-1042", "jobId", "J-1042")), null))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String runId = (String) accepted.get("runId");

        var run = acme.readRun(acme.runKey, runId, "");
        assertThat(run).containsEntry("status", "running").containsEntry("area", "job_order").containsEntry("behaviour", "background");
        assertThat(Runner.totals(run)).isEqualTo(Map.of("records", 1, "pending", 1, "done", 0, "failed", 0));
        assertThat(acme.readRun(acme.tenant.adminKey(), runId, "")).containsEntry("id", runId);

        // other tenants, whatever their key, do not see it; an events:write key may not read runs
        for (String key : List.of(globex.runKey, globex.tenant.adminKey())) {
            http.get().uri("/v1/runs/{id}", runId).headers(h -> h.setBearerAuth(key)).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        }
        String eventsKey = acme.api.issueKey(acme.tenant.adminKey(), "events:write");
        http.get().uri("/v1/runs/{id}", runId).headers(h -> h.setBearerAuth(eventsKey)).exchange().expectStatus().isForbidden();

        var event = JSON.readTree(invoked(id, 1).get(0).value());
        assertThat(event.at("/data/record").toString()).isEqualTo("{\"area\":\"job_order\",\"recordId\":\"J-1042\",\"jobId\":\"J-1042\"}");
        String invocation = event.at("/data/invocationId").asString();
        try (var outcomes = new OutcomeProducer(prefix)) {
            // another tenant cannot move acme's run: the record is not found for it and the outcome is ignored
            outcomes.send(List.<String[]>of(
                    new String[] {invocation, OutcomeProducer.outcome(invocation, runId, globex.tenant.id(), "failed", 1, 410, "gone", "gone")},
                    new String[] {invocation, OutcomeProducer.outcome(invocation, runId, acme.tenant.id(), "delivered", 1, 204, null, null)}));
        }
        var done = acme.awaitRun(runId, r -> "done".equals(r.get("status")), Duration.ofSeconds(20));
        assertThat(Runner.totals(done)).isEqualTo(Map.of("records", 1, "pending", 0, "done", 1, "failed", 0));
        assertThat(done.get("finishedAt")).isNotNull();
        assertThat(done.get("records").toString()).contains("state=done", "attempts=1", "lastStatus=204");
    }

    @Test
    void aBulkRunOverTheMaximumIsRefusedAndRecordsMustBeDistinct() {
        var acme = new Runner(http, "Acme");
        String id = acme.action("Send to HRIS", "candidate_search", List.of("hris.send"), "background", Map.of());
        List<Map<String, Object>> tooMany = new ArrayList<>();
        IntStream.range(0, 1001).forEach(i -> tooMany.add(Map.of("recordId", "CAND-" + i)));
        acme.run(acme.runKey, "candidate_search", id, Runner.request("u-1", List.of("hris.send"), tooMany, null))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("too_many_records")
                .jsonPath("$.errors[0].pointer").isEqualTo("/records")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("at most 1000", "1001"));
        acme.run(acme.runKey, "candidate_search", id, Runner.request("u-1", List.of("hris.send"), records("A", "B", "A"), null))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/records/2/recordId");
        acme.run(acme.runKey, "candidate_search", id, Runner.request("u-1", List.of("hris.send"), List.of(), null))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/records");
    }

    @Test
    void aMarketplaceActionShowsItsButtonOnlyToThoseWhoMayRunIt() {
        var acme = new Runner(http, "Acme");
        String id = (String) acme.api.post(acme.tenant.adminKey(), "/v1/custom-actions", Map.of("type", "marketplace",
                "name", "Skills test", "description", "Sends a skills test.", "endpointUrl", "http://127.0.0.1:9/vendor",
                "marketplace", Map.of("vendorId", "ven_1"), "manual", Map.of("displayAreas", List.of("candidate"),
                        "permissions", List.of("skills"), "behaviour", "background")), 201).get("id");
        acme.buttons(acme.runKey, "candidate", "u-1", List.of("skills")).expectBody()
                .jsonPath("$.buttons[0].actionId").isEqualTo(id).jsonPath("$.buttons[0].type").isEqualTo("marketplace");
        acme.buttons(acme.runKey, "candidate", "u-2", List.of("nope")).expectBody().jsonPath("$.buttons").isEmpty();
        acme.run(acme.runKey, "candidate", id, Runner.request("u-1", List.of("nope"), records("C-1"), null))
                .expectStatus().isNotFound();
    }
}
