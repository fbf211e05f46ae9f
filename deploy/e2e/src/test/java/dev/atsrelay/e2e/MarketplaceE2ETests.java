package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The FastTrack Marketplace end to end with the real services: a vendor registers, an agency connects to it (which
 * creates the agency's marketplace action in config-service), a recruiter runs the action on a candidate, the vendor
 * receives the signed webhook with its session id, posts a result with it, and ATS core reads
 * {@code marketplace.result_received} from Kafka.
 */
class MarketplaceE2ETests {

    private final Platform platform = Platform.shared();

    @Test
    void anAgencyConnectsAVendorARecruiterRunsItsActionAndTheVendorsResultReachesKafka() throws Exception {
        try (var vendorEndpoint = new WebhookReceiver();
             var platformTopic = new TopicReader(platform.prefix + "ats.platform.v1")) {
            var vendor = Http.post(platform.marketplace.url("/v1/vendors"), Platform.OPERATOR_TOKEN, Map.of(
                    "name", "Checkers", "capabilities", List.of("background_check"),
                    "configuration", Map.of("name", "Background check",
                            "description", "Runs a background check. The candidate must have consented.",
                            "endpointUrl", vendorEndpoint.url("/checks"),
                            "manual", Map.of("displayAreas", List.of("candidate", "candidate_search"),
                                    "permissions", List.of("checks.run"), "behaviour", "background"))));
            assertThat(vendor.status()).isEqualTo(201);
            String vendorId = vendor.body().get("id").asString();
            String vendorKey = vendor.body().get("apiKey").get("key").asString();

            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Marketplace agency"));
            String tenantId = tenant.body().get("id").asString();
            String admin = tenant.body().get("adminKey").get("key").asString();
            String runKey = Http.post(platform.config.url("/v1/api-keys"), admin,
                    Map.of("name", "ATS screen", "scopes", List.of("actions:run"))).body().get("key").asString();

            // the agency connects (once marketplace-service has read its key from the configuration topic)
            Http.Response[] connected = new Http.Response[1];
            eventually("the agency connects to the vendor", () -> {
                connected[0] = Http.post(platform.marketplace.url("/v1/accounts"), admin,
                        Map.of("vendorId", vendorId, "displayAreas", List.of("candidate"), "permissions", List.of("bg.run")));
                return connected[0].status() == 201;
            });
            String actionId = connected[0].body().get("actionId").asString();
            String actionSecret = connected[0].body().get("actionSecret").asString();
            eventually("the action reaches the dispatcher",
                    () -> Http.get(platform.dispatcher.url("/v1/endpoints/" + actionId), admin).status() == 200);

            // the recruiter sees the button and runs it on a candidate
            var buttons = Http.post(platform.config.url("/v1/display-areas/candidate/buttons"), runKey,
                    Map.of("user", Map.of("userId", "u-77"), "permissions", List.of("bg.run")));
            assertThat(buttons.body().get("buttons").findValuesAsString("actionId")).contains(actionId);
            var run = Http.post(platform.config.url("/v1/display-areas/candidate/buttons/" + actionId + "/runs"), runKey,
                    Map.of("user", Map.of("userId", "u-77", "name", "Dana Whitfield"), "permissions", List.of("bg.run"),
                            "records", List.of(Map.of("recordId", "CAND-5521", "candidateId", "CAND-5521"))));
            assertThat(run.status()).isEqualTo(202);

            // the vendor gets the signed run with its session id
            var received = vendorEndpoint.await(1, Duration.ofSeconds(30)).get(0);
            new Webhook(actionSecret).verify(received.body(), Map.of("webhook-id", List.of(received.header("webhook-id")),
                    "webhook-timestamp", List.of(received.header("webhook-timestamp")),
                    "webhook-signature", List.of(received.header("webhook-signature"))));
            JsonNode data = Http.JSON.readTree(received.body()).get("data");
            assertThat(data.at("/action/type").asString()).isEqualTo("marketplace");
            String sessionId = data.at("/session/sessionId").asString();
            assertThat(sessionId).startsWith("vs_");

            // with it the vendor reads the context and posts a result; another key cannot
            assertThat(Http.get(platform.marketplace.url("/v1/vendor/sessions/" + sessionId), vendorKey).status()).isEqualTo(200);
            assertThat(Http.get(platform.marketplace.url("/v1/vendor/sessions/" + sessionId), admin).status()).isIn(401, 403);
            var result = Http.post(platform.marketplace.url("/v1/vendor/sessions/" + sessionId + "/results"), vendorKey,
                    Map.of("status", "completed", "result", Map.of("clear", true, "score", 97)));
            assertThat(result.status()).isEqualTo(202);
            String eventId = result.body().get("eventId").asString();

            // and ATS core reads it from Kafka
            var records = platformTopic.readUntil(rs -> rs.stream().anyMatch(r -> eventId.equals(r.headers().get("ce_id"))),
                    Duration.ofSeconds(30));
            var published = records.stream().filter(r -> eventId.equals(r.headers().get("ce_id"))).findFirst().orElseThrow();
            assertThat(published.headers()).containsEntry("ce_type", "marketplace.result_received")
                    .containsEntry("ce_tenantid", tenantId).containsKey("session-expires-at");
            JsonNode event = Http.JSON.readTree(published.value());
            assertThat(event.at("/data/result/score").asInt()).isEqualTo(97);
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(300);
        }
    }
}
