package dev.atsrelay.e2e;

import static dev.atsrelay.e2e.WalkingSkeletonE2ETests.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ServiceProcess;
import dev.atsrelay.testkit.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A W3C {@code traceparent} sent with {@code POST /v1/events} comes out on the webhook with the same trace id, through
 * the record's Kafka headers and the dispatcher; both services' log lines for the event carry the trace id.
 */
class TracingE2ETests {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.shared();
    }

    @Test
    void theRequestsTraceIdReachesTheWebhookAndTheLogsSampledOrNot() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Traced Agency"));
            String tenantId = tenant.body().get("id").asString();
            String adminKey = tenant.body().get("adminKey").get("key").asString();
            String eventsKey = Http.post(platform.config.url("/v1/api-keys"), adminKey,
                    Map.of("name", "ATS core", "scopes", List.of("events:write"))).body().get("key").asString();
            String webhookId = Http.post(platform.config.url("/v1/webhooks"), adminKey,
                    Map.of("url", receiver.url("/hooks/traced"), "eventTypes", List.of("job.opened"))).body().get("id").asString();
            assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/test"), adminKey, Map.of())
                    .body().get("passed").asBoolean()).isTrue();
            assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/activate"), adminKey, Map.of()).status())
                    .isEqualTo(200);
            receiver.await(1, Duration.ofSeconds(10));
            // the Test send belongs to no event's trace
            assertThat(receiver.received().get(0).header("traceparent")).isNull();
            receiver.clear();
            awaitStatus(() -> {
                var r = Http.get(platform.dispatcher.url("/v1/endpoints/" + webhookId), adminKey);
                return r.status() == 200 && r.body().get("enabled").asBoolean() ? r : new Http.Response(0, null, r.text());
            }, 200);

            // sampled (01) and not (00): the trace id propagates either way, and so does the flag
            for (String flags : List.of("01", "00")) {
                String traceId = HexFormat.of().formatHex(randomBytes(16));
                String eventId = "evt_e2e_traced_" + System.nanoTime();
                postEvent(tenantId, eventsKey, eventId, "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-" + flags);

                var delivered = await(receiver, eventId);
                assertThat(delivered.header("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-" + flags);

                assertThat(awaitInLog(platform.ingest, traceId)).contains(eventId);
                assertThat(awaitInLog(platform.dispatcher, traceId)).contains(eventId);
            }
        }
    }

    private static void postEvent(String tenantId, String eventsKey, String eventId, String traceparent) throws Exception {
        ObjectNode event = (ObjectNode) Http.JSON.readTree(Files.readString(
                Path.of(System.getProperty("atsrelay.root"), "docs/events/examples/job.opened.json")));
        event.put("id", eventId);
        event.put("tenantid", tenantId);
        var request = HttpRequest.newBuilder(URI.create(platform.ingest.url("/v1/events")))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + eventsKey)
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).timeout(Duration.ofSeconds(30)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        int status = 0;
        // the new key reaches ingest through the configuration topic: 401 until then
        while (Instant.now().isBefore(deadline) && status != 202) {
            status = CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 202) {
                ServiceProcess.sleep(100);
            }
        }
        assertThat(status).isEqualTo(202);
    }

    private static WebhookReceiver.Received await(WebhookReceiver receiver, String eventId) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var match = receiver.received().stream().filter(r -> r.body().contains(eventId)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            ServiceProcess.sleep(50);
        }
        throw new AssertionError("no webhook for " + eventId + " within 30 s");
    }

    /** The service's log lines that carry {@code traceId}, once there are any (logs are written asynchronously). */
    private static String awaitInLog(ServiceProcess service, String traceId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String lines = String.join("\n", Files.readAllLines(service.log()).stream().filter(l -> l.contains(traceId)).toList());
            if (!lines.isEmpty() || Instant.now().isAfter(deadline)) {
                assertThat(lines).as("log lines of %s with trace id %s", service.name(), traceId).isNotEmpty();
                return lines;
            }
            ServiceProcess.sleep(100);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
