package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Custom actions end to end with the real services (FastTrack: "run an action on many records at once"): the ATS
 * screen runs a background action on 500 candidates; config-service emits one action.invoked per record, the
 * dispatcher delivers each — signed with the action's secret, retried — and reports every outcome back, and the run's
 * per-record progress ends with the records the vendor refused as failed and the rest done. Then a job filled
 * through ingest runs an Event action.
 */
class CustomActionsE2ETests {

    private final Platform platform = Platform.shared();

    @Test
    void aBulkRunOf500RecordsReportsPerRecordProgressWhileTheReceiverFailsSome() throws Exception {
        Set<String> refused = ConcurrentHashMap.newKeySet();
        try (var vendor = new WebhookReceiver().respond(r -> {
            // the vendor cannot take candidates whose id ends in 7: every try fails
            String recordId = Http.JSON.readTree(r.body()).at("/data/record/recordId").asString();
            if (recordId.endsWith("7")) {
                refused.add(recordId);
                return WebhookReceiver.Reply.status(500).withBody("unknown candidate");
            }
            return WebhookReceiver.Reply.status(204);
        })) {
            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Bulk agency"));
            String admin = tenant.body().get("adminKey").get("key").asString();
            String runKey = Http.post(platform.config.url("/v1/api-keys"), admin,
                    Map.of("name", "ATS screen", "scopes", List.of("actions:run"))).body().get("key").asString();
            var action = Http.post(platform.config.url("/v1/custom-actions"), admin, Map.of("type", "manual",
                    "name", "Send to HRIS", "description", "Sends the candidate to the HRIS. The candidate must be placed.",
                    "endpointUrl", vendor.url("/hris"),
                    "manual", Map.of("displayAreas", List.of("candidate_search"), "permissions", List.of("hris.send"),
                            "behaviour", "background")));
            assertThat(action.status()).isEqualTo(201);
            String actionId = action.body().get("id").asString();
            String secret = action.body().get("secret").asString();
            eventually("the action reaches the dispatcher",
                    () -> Http.get(platform.dispatcher.url("/v1/endpoints/" + actionId), admin).status() == 200);

            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(Map.of("recordId", "CAND-" + (1000 + i), "candidateId", "CAND-" + (1000 + i)));
            }
            var run = Http.post(platform.config.url("/v1/display-areas/candidate_search/buttons/" + actionId + "/runs"), runKey,
                    Map.of("user", Map.of("userId", "u-77", "name", "Dana Whitfield"), "permissions", List.of("hris.send"),
                            "records", records));
            assertThat(run.status()).isEqualTo(202);
            String runUrl = platform.config.url("/v1/runs/" + run.body().get("runId").asString());

            eventually("the run is done", () -> "done".equals(Http.get(runUrl, runKey).body().get("status").asString()));
            JsonNode totals = Http.get(runUrl, runKey).body().get("totals");
            assertThat(totals.get("records").asInt()).isEqualTo(500);
            assertThat(totals.get("failed").asInt()).isEqualTo(50);
            assertThat(totals.get("done").asInt()).isEqualTo(450);
            assertThat(totals.get("pending").asInt()).isZero();
            JsonNode failed = Http.get(runUrl + "?state=failed&limit=100", runKey).body().get("records").get("items");
            Set<String> failedIds = new HashSet<>();
            failed.forEach(r -> {
                failedIds.add(r.get("recordId").asString());
                assertThat(r.get("attempts").asInt()).isEqualTo(3); // the e2e schedule: 3 attempts
                assertThat(r.get("lastStatus").asInt()).isEqualTo(500);
            });
            assertThat(failedIds).isEqualTo(refused);

            // every request was signed with the action's secret; the delivered ones arrived once each
            Set<String> delivered = new HashSet<>();
            for (var r : vendor.received()) {
                new Webhook(secret).verify(r.body(), Map.of("webhook-id", List.of(r.header("webhook-id")),
                        "webhook-timestamp", List.of(r.header("webhook-timestamp")),
                        "webhook-signature", List.of(r.header("webhook-signature"))));
                String recordId = Http.JSON.readTree(r.body()).at("/data/record/recordId").asString();
                if (!refused.contains(recordId)) {
                    delivered.add(r.header("webhook-id"));
                }
            }
            assertThat(delivered).hasSize(450);
        }
    }

    @Test
    void aJobFilledThroughIngestRunsTheEventActionOnJobOrderFill() throws Exception {
        try (var vendor = new WebhookReceiver()) {
            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Event agency"));
            String tenantId = tenant.body().get("id").asString();
            String admin = tenant.body().get("adminKey").get("key").asString();
            String writer = Http.post(platform.config.url("/v1/api-keys"), admin,
                    Map.of("name", "ATS core", "scopes", List.of("events:write"))).body().get("key").asString();
            var action = Http.post(platform.config.url("/v1/custom-actions"), admin, Map.of("type", "event",
                    "name", "Notify payroll", "description", "Tells payroll that a job order was filled.",
                    "endpointUrl", vendor.url("/payroll"), "event", Map.of("trigger", "job_fill")));
            assertThat(action.status()).isEqualTo(201);
            String actionId = action.body().get("id").asString();
            eventually("the action reaches the dispatcher",
                    () -> Http.get(platform.dispatcher.url("/v1/endpoints/" + actionId), admin).status() == 200);

            var event = (tools.jackson.databind.node.ObjectNode) Http.JSON.readTree(
                    java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("atsrelay.root"), "docs/events/examples/job.filled.json")));
            event.put("id", "evt_e2e_" + java.util.UUID.randomUUID());
            event.put("tenantid", tenantId);
            eventually("ingest knows the key", () -> Http.post(platform.ingest.url("/v1/events"), writer, event).status() == 202);

            var run = vendor.await(1, Duration.ofSeconds(30)).get(0);
            new Webhook(action.body().get("secret").asString()).verify(run.body(), Map.of(
                    "webhook-id", List.of(run.header("webhook-id")),
                    "webhook-timestamp", List.of(run.header("webhook-timestamp")),
                    "webhook-signature", List.of(run.header("webhook-signature"))));
            JsonNode data = Http.JSON.readTree(run.body()).get("data");
            assertThat(data.at("/action/actionId").asString()).isEqualTo(actionId);
            assertThat(data.at("/trigger/kind").asString()).isEqualTo("job_fill");
            assertThat(data.at("/trigger/eventId").asString()).isEqualTo(event.get("id").asString());
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
