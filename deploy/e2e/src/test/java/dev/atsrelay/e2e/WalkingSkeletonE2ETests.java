package dev.atsrelay.e2e;

import dev.atsrelay.testkit.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event from ingest to a verified, signed webhook, through the four services running as separate processes on
 * the real broker and PostgreSQL, delivered to a real HTTP receiver on 127.0.0.1.
 */
class WalkingSkeletonE2ETests {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.shared();
    }

    @Test
    void anEventPostedToIngestArrivesAsAWebhookThatVerifiesWithTheOfficialLibrary() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            // an operator creates the agency; its administrator issues a key for ATS core and creates a webhook
            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Acme Recruiting"));
            assertThat(tenant.status()).isEqualTo(201);
            String tenantId = tenant.body().get("id").asString();
            String adminKey = tenant.body().get("adminKey").get("key").asString();
            var eventsKey = Http.post(platform.config.url("/v1/api-keys"), adminKey,
                    Map.of("name", "ATS core", "scopes", List.of("events:write")));
            assertThat(eventsKey.status()).isEqualTo(201);
            var webhook = Http.post(platform.config.url("/v1/webhooks"), adminKey,
                    Map.of("url", receiver.url("/hooks/ats"), "eventTypes", List.of("job.opened")));
            assertThat(webhook.status()).isEqualTo(201);
            String webhookId = webhook.body().get("id").asString();
            String secret = webhook.body().get("secret").asString();
            assertThat(webhook.body().get("status").asString()).isEqualTo("pending_test");
            assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/test"), adminKey, Map.of())
                    .body().get("passed").asBoolean()).isTrue();
            assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/activate"), adminKey, Map.of()).status())
                    .isEqualTo(200);
            receiver.await(1, Duration.ofSeconds(10));
            receiver.clear();

            // the change reaches the dispatcher through the configuration topic
            awaitStatus(() -> {
                var r = Http.get(platform.dispatcher.url("/v1/endpoints/" + webhookId), adminKey);
                return r.status() == 200 && r.body().get("enabled").asBoolean() ? r : new Http.Response(0, null, r.text());
            }, 200);

            // ATS core posts a domain event
            ObjectNode event = (ObjectNode) Http.JSON.readTree(Files.readString(
                    Path.of(System.getProperty("atsrelay.root"), "docs/events/examples/job.opened.json")));
            event.put("id", "evt_e2e_" + System.nanoTime());
            event.put("tenantid", tenantId);
            var accepted = awaitStatus(() -> Http.post(platform.ingest.url("/v1/events"),
                    eventsKey.body().get("key").asString(), event), 202);
            assertThat(accepted.body().get("status").asString()).isEqualTo("accepted");

            // the receiver gets it, signed
            var delivered = receiver.await(1, Duration.ofSeconds(30)).get(0);
            assertThat(delivered.path()).isEqualTo("/hooks/ats");
            assertThat(delivered.header("webhook-id")).startsWith("msg_");
            assertThat(Math.abs(Long.parseLong(delivered.header("webhook-timestamp")) - Instant.now().getEpochSecond())).isLessThan(60);
            var headers = Map.of("webhook-id", List.of(delivered.header("webhook-id")),
                    "webhook-timestamp", List.of(delivered.header("webhook-timestamp")),
                    "webhook-signature", List.of(delivered.header("webhook-signature")));
            new Webhook(secret).verify(delivered.body(), headers);
            assertThat(Http.JSON.readTree(delivered.body()).get("id").asString()).isEqualTo(event.get("id").asString());

            // the same check rejects a tampered body, a wrong secret and a forged signature
            assertThatThrownBy(() -> new Webhook(secret).verify(delivered.body().replace("Payroll", "Payrolls"), headers))
                    .isInstanceOf(WebhookVerificationException.class);
            assertThatThrownBy(() -> new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(delivered.body(), headers))
                    .isInstanceOf(WebhookVerificationException.class);
            var forged = Map.of("webhook-id", headers.get("webhook-id"), "webhook-timestamp", headers.get("webhook-timestamp"),
                    "webhook-signature", List.of("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
            assertThatThrownBy(() -> new Webhook(secret).verify(delivered.body(), forged))
                    .isInstanceOf(WebhookVerificationException.class);

            // and the dispatcher recorded the attempt
            var attempts = awaitStatus(() -> {
                var r = Http.get(platform.dispatcher.url("/v1/attempts?endpointId=" + webhookId), adminKey);
                return r.body() != null && r.body().get("items").size() == 2 ? r : new Http.Response(0, null, r.text());
            }, 200);
            var latest = attempts.body().get("items").get(0);
            assertThat(latest.get("outcome").asString()).isEqualTo("succeeded");
            assertThat(latest.get("eventType").asString()).isEqualTo("job.opened");
            assertThat(latest.get("httpStatus").asInt()).isEqualTo(204);
            assertThat(latest.get("messageId").asString()).isEqualTo(delivered.header("webhook-id"));
        }
    }

    static Http.Response awaitStatus(java.util.function.Supplier<Http.Response> call, int status) {
        Instant deadline = Instant.now().plusSeconds(30);
        Http.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = call.get();
            if (last.status() == status) {
                return last;
            }
            ServiceProcess.sleep(100);
        }
        throw new AssertionError("expected HTTP " + status + " within 30 s; last answer: " + (last == null ? "none" : last.status() + " " + last.text()));
    }
}
