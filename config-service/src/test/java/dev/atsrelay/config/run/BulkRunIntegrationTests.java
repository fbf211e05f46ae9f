package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.ConfigApplication;
import dev.atsrelay.config.DispatcherStub;
import dev.atsrelay.testkit.RealInfrastructure;
import dev.atsrelay.testkit.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bulk run of 500 records end to end on the real broker and database: 500 action.invoked records, then the
 * dispatcher's outcomes (played by the test, per the contract: delivered, failed, duplicates, out of order, foreign
 * and unreadable ones) drive the run's progress — and the progress survives a restart of the service.
 */
class BulkRunIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // ahead of application.yml, as RealInfrastructure does for the other tests: the same database and topics twice
        return new SpringApplicationBuilder(ConfigApplication.class).profiles("test")
                .initializers(c -> c.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bulk-run-test", properties)))
                .run();
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiveHundredRecordsEachGetAnInvocationAndTheirOutcomesDriveTheRunToDoneAcrossARestart() throws Exception {
        String prefix = RealInfrastructure.uniquePrefix();
        Map<String, Object> properties = new HashMap<>(RealInfrastructure.properties(prefix));
        properties.put("server.port", "0");
        properties.put("atsrelay.dispatcher.url", DispatcherStub.SERVER.url(""));

        String runId;
        String tenantId;
        String runKey;
        Map<String, String> invocations = new HashMap<>();
        try (var first = start(properties)) {
            var acme = new Runner(client(first), "Acme");
            tenantId = acme.tenant.id();
            runKey = acme.runKey;
            String id = acme.action("Send to HRIS", "candidate_search", List.of("hris.send"), "background", Map.of());
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(Map.of("recordId", rec(i), "candidateId", rec(i), "jobId", "J-1042"));
            }
            var accepted = acme.run(runKey, "candidate_search", id, Runner.request("u-1", List.of("hris.send"), records, null))
                    .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
            runId = (String) accepted.get("runId");
            assertThat(accepted.get("records")).isEqualTo(500);

            try (var topic = new TopicReader(prefix + "ats.platform.v1")) {
                String run = runId;
                var sent = topic.readUntil(rs -> rs.stream().filter(r -> r.value().contains(run)).count() >= 500, Duration.ofSeconds(30))
                        .stream().filter(r -> r.value().contains(run)).toList();
                assertThat(sent).hasSize(500);
                for (TopicReader.Record r : sent) {
                    assertThat(ActionInvokedSchema.violations(r.value())).isEmpty();
                    assertThat(r.key()).isEqualTo(tenantId + ":action/" + id);
                    assertThat(r.headers()).containsEntry("ce_type", "action.invoked").containsEntry("ce_tenantid", tenantId);
                    JsonNode data = JSON.readTree(r.value()).get("data");
                    invocations.put(data.at("/record/recordId").asString(), data.get("invocationId").asString());
                }
                assertThat(invocations).hasSize(500);
                assertThat(new HashSet<>(invocations.values())).hasSize(500);
            }

            try (var outcomes = new OutcomeProducer(prefix)) {
                List<String[]> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    String inv = invocations.get(rec(i));
                    if (i < 300) {
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "delivered", 1, 204, null, null)));
                        if (i < 50) { // duplicates
                            batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "delivered", 1, 204, null, null)));
                        }
                    } else if (i < 400) { // retried, exhausted, then a stale retrying report arrives after the failure
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "retrying", 1, 503, "HTTP 503", null)));
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "failed", 3, 503, "HTTP 503", "exhausted")));
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "retrying", 2, 503, "HTTP 503", null)));
                    } else if (i < 450) { // gone, reported twice; the first ten are replayed and delivered later
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "failed", 1, 410, "HTTP 410", "gone")));
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "failed", 1, 410, "HTTP 410", "gone")));
                        if (i < 410) {
                            batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "delivered", 2, 200, null, null)));
                        }
                    } else { // still retrying
                        batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "retrying", 1, null, "timeout", null)));
                    }
                }
                String inv450 = invocations.get(rec(450));
                batch.add(kv(inv450, OutcomeProducer.outcome(inv450, runId, "tn_01jdx2zq3m5n7p9r1s3t5v7w9x", "delivered", 2, 200, null, null)));
                batch.add(kv("inv_event", OutcomeProducer.outcome("inv_event", null, tenantId, "delivered", 1, 200, null, null)));
                batch.add(kv("inv_unknown", OutcomeProducer.outcome("inv_unknown", "run_unknown", tenantId, "failed", 1, 500, "x", "exhausted")));
                batch.add(kv("inv_garbage", "{not json"));
                outcomes.send(batch);
            }

            var progressed = acme.awaitRun(runId, r -> Runner.totals(r).get("pending").equals(50), Duration.ofSeconds(30));
            assertThat(Runner.totals(progressed)).isEqualTo(Map.of("records", 500, "pending", 50, "done", 310, "failed", 140));
            assertThat(progressed.get("status")).isEqualTo("running");
            assertThat(progressed.get("finishedAt")).isNull();

            var exhausted = record(acme, runId, "?state=failed&limit=1");
            assertThat(exhausted).containsEntry("recordId", rec(300)).containsEntry("state", "failed").containsEntry("attempts", 3)
                    .containsEntry("lastStatus", 503).containsEntry("reason", "exhausted").containsEntry("lastError", "HTTP 503");
            assertThat(record(acme, "" + runId, "?state=done&cursor=" + invocations.get(rec(299)) + "&limit=1"))
                    .as("a replay delivered what had failed").containsEntry("recordId", rec(400)).containsEntry("attempts", 2);

            // the records page through in their order
            List<Object> seen = new ArrayList<>();
            String cursor = "";
            int pages = 0;
            do {
                var page = page(acme.readRun(runKey, runId, "?limit=200" + cursor));
                seen.addAll(((List<Map<String, Object>>) page.get("items")).stream().map(m -> m.get("recordId")).toList());
                cursor = page.get("next") == null ? null : "&cursor=" + page.get("next");
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(500).startsWith(rec(0), rec(1)).endsWith(rec(499));

            String metrics = client(first).get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody();
            assertThat(metrics).contains("atsrelay_config_outcomes_total{result=\"unreadable\",service=\"config-service\"} 1.0",
                    "atsrelay_config_outcomes_total{result=\"no_run\",service=\"config-service\"} 1.0",
                    "atsrelay_config_outcomes_total{result=\"unknown_run\",service=\"config-service\"} 2.0");
        }

        try (var second = start(properties)) {
            var http = client(second);
            var survived = http.get().uri("/v1/runs/{id}", runId).headers(h -> h.setBearerAuth(runKey)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(Runner.totals(survived)).isEqualTo(Map.of("records", 500, "pending", 50, "done", 310, "failed", 140));

            try (var outcomes = new OutcomeProducer(prefix)) {
                List<String[]> batch = new ArrayList<>();
                for (int i = 450; i < 500; i++) {
                    String inv = invocations.get(rec(i));
                    batch.add(kv(inv, OutcomeProducer.outcome(inv, runId, tenantId, "delivered", 2, 202, null, null)));
                }
                outcomes.send(batch);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Map<String, Object> done;
            do {
                Thread.sleep(100);
                done = http.get().uri("/v1/runs/{id}", runId).headers(h -> h.setBearerAuth(runKey)).exchange()
                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            } while (!"done".equals(done.get("status")) && System.nanoTime() < deadline);
            assertThat(done.get("status")).isEqualTo("done");
            assertThat(Runner.totals(done)).isEqualTo(Map.of("records", 500, "pending", 0, "done", 360, "failed", 140));
            assertThat(done.get("finishedAt")).isNotNull();
        }
    }

    private static String rec(int i) {
        return "CAND-%04d".formatted(i);
    }

    private static String[] kv(String key, String value) {
        return new String[] {key, value};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> page(Map<String, Object> run) {
        return (Map<String, Object>) run.get("records");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Runner runner, String runId, String query) {
        return ((List<Map<String, Object>>) page(runner.readRun(runner.runKey, runId, query)).get("items")).get(0);
    }
}
