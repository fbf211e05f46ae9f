package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings → Webhooks, end to end with the real dispatcher (Recruitis: "if the page really exists and can receive
 * notifications, the connection is tested; after successful testing the button changes to Save").
 */
class TestBeforeSaveE2ETests {

    private final Platform platform = Platform.shared();

    @Test
    void aFailingUrlCannotBeSavedAndAPassingOneCanWithATestThatVerifies() throws Exception {
        try (var failing = new WebhookReceiver().respond(r -> WebhookReceiver.Reply.status(503).withBody("maintenance"));
             var working = new WebhookReceiver()) {
            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Career pages Ltd"));
            String key = tenant.body().get("adminKey").get("key").asString();
            var webhook = Http.post(platform.config.url("/v1/webhooks"), key,
                    Map.of("url", failing.url("/positions"), "eventTypes", List.of("job.created", "job.published", "job.withdrawn")));
            String id = webhook.body().get("id").asString();
            String secret = webhook.body().get("secret").asString();
            String base = platform.config.url("/v1/webhooks/" + id);

            var test = Http.post(base + "/test", key, Map.of());
            assertThat(test.body().get("passed").asBoolean()).isFalse();
            assertThat(test.body().get("status").asInt()).isEqualTo(503);
            assertThat(test.body().get("excerpt").asString()).isEqualTo("maintenance");
            assertThat(Http.post(base + "/activate", key, Map.of()).body().get("code").asString()).isEqualTo("test_required");

            assertThat(Http.patch(base, key, Map.of("url", working.url("/positions"))).status()).isEqualTo(200);
            test = Http.post(base + "/test", key, Map.of());
            assertThat(test.body().get("passed").asBoolean()).isTrue();
            var activated = Http.post(base + "/activate", key, Map.of());
            assertThat(activated.status()).isEqualTo(200);
            assertThat(activated.body().get("status").asString()).isEqualTo("active");

            // the test request was a signed webhook.test that verifies with the official library
            var received = working.await(1, Duration.ofSeconds(10)).get(0);
            assertThat(received.body()).contains("\"type\":\"webhook.test\"", "\"webhookId\":\"" + id + "\"");
            var headers = Map.of("webhook-id", List.of(received.header("webhook-id")),
                    "webhook-timestamp", List.of(received.header("webhook-timestamp")),
                    "webhook-signature", List.of(received.header("webhook-signature")));
            new Webhook(secret).verify(received.body(), headers);
            assertThatThrownBy(() -> new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(received.body(), headers))
                    .isInstanceOf(WebhookVerificationException.class);

            // and the dispatcher logged both tests
            var attempts = Http.get(platform.dispatcher.url("/v1/attempts?endpointId=" + id), key);
            assertThat(attempts.body().get("items").size()).isEqualTo(2);
            assertThat(attempts.body().get("items").findValuesAsString("outcome")).containsExactly("succeeded", "throttled");
        }
    }
}
