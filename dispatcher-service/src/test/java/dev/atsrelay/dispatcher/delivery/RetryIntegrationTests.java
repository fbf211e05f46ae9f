package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.dispatcher.TestClock;
import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import dev.atsrelay.testkit.WebhookReceiver.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Every way an endpoint can answer, against real receivers on 127.0.0.1, each ending in the state the delivery rules
 * say, with the attempts in the log. The clock is moved by hand: the schedule is tested without sleeping.
 */
@IntegrationTest
@Import(TestClock.class)
@TestPropertySource(properties = {"atsrelay.dispatcher.delivery.retry-poll-interval=100ms",
        "atsrelay.dispatcher.delivery.health-check-interval=200ms",
        // the schedule is under test here, so the breaker stays out of the way (ProtectionIntegrationTests tests it)
        "atsrelay.dispatcher.protection.breaker.window=1000", "atsrelay.dispatcher.protection.breaker.minimum-calls=1000"})
class RetryIntegrationTests {

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    private DeliveryFixture fixture() {
        return new DeliveryFixture(http, prefix);
    }

    private static void advance(Duration d) {
        TestClock.CLOCK.advance(d);
    }

    @Test
    void a500IsRetriedOnTheScheduleUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(calls.incrementAndGet() <= 2 ? 500 : 204))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            var retrying = f.awaitMessage(message, m -> m.get("state").asString().equals("retrying"));
            assertThat(retrying.get("attempts").asInt()).isEqualTo(1);
            advance(Duration.ofSeconds(3));
            assertThat(receiver.received()).as("not before the 5 s (±20 %) delay").hasSize(1);
            advance(Duration.ofSeconds(4));
            f.awaitAttempts(endpoint, 2);
            advance(Duration.ofMinutes(7));
            var log = f.awaitAttempts(endpoint, 3);
            assertThat(log).extracting(a -> a.get("outcome").asString()).containsExactly("retryable", "retryable", "succeeded");
            assertThat(log).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3);
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsOnly(message);
            f.awaitMessage(message, m -> m.get("state").asString().equals("delivered"));
        }
    }

    @Test
    void anEndpointThatNeverSucceedsEndsInTheDeadLettersAfterEightAttempts() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(500))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.closed");
            f.publish("job.closed");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            for (int attempt = 2; attempt <= 8; attempt++) {
                f.awaitMessage(message, m -> m.get("state").asString().equals("retrying"));
                advance(Duration.ofHours(13));
                f.awaitAttempts(endpoint, attempt);
            }
            var dead = f.awaitMessage(message, m -> m.get("state").asString().equals("dead"));
            assertThat(dead.get("deadReason").asString()).isEqualTo("exhausted");
            assertThat(dead.get("attempts").asInt()).isEqualTo(8);
            assertThat(dead.get("requestExcerpt").asString()).as("the body sent, kept with the dead letter")
                    .isEqualTo(receiver.received().get(receiver.received().size() - 1).body());
            JsonNode letters = f.get("/v1/dead-letters?endpointId=" + endpoint);
            assertThat(letters.get("items").get(0).get("messageId").asString()).isEqualTo(message);
        }
    }

    @Test
    void throttlingHonoursRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        try (var receiver = new WebhookReceiver().respond(r -> calls.incrementAndGet() == 1
                ? Reply.status(429).withHeader("Retry-After", "120") : Reply.status(200))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            assertThat(f.attempts(endpoint).get(0).get("outcome").asString()).isEqualTo("throttled");
            f.awaitMessage(message, m -> m.get("state").asString().equals("retrying"));
            advance(Duration.ofSeconds(30));
            sleep(500);
            assertThat(receiver.received()).as("not before its Retry-After").hasSize(1);
            advance(Duration.ofSeconds(100));
            assertThat(f.awaitAttempts(endpoint, 2).get(1).get("outcome").asString()).isEqualTo("succeeded");
        }
    }

    @Test
    void goneDeadLettersTheMessageAndDisablesTheEndpointUntilItsOwnerReEnablesIt() {
        AtomicInteger answer = new AtomicInteger(410);
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(answer.get()))) {
            var f = fixture();
            String secret = ConfigTopicFixture.newSecret();
            String endpoint = ConfigTopicFixture.newWebhookId();
            f.config.publishWebhook(endpoint, f.tenant, 1, receiver.url("/hook"), secret, true, "{}", "{}", new String[] {"job.archived"});
            DeliveryFixture.eventually("the endpoint arrives", () -> f.status("/v1/endpoints/" + endpoint) == 200);
            f.publish("job.archived");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            assertThat(f.awaitMessage(message, m -> m.get("state").asString().equals("dead")).get("deadReason").asString())
                    .isEqualTo("gone");
            try (var platform = new TopicReader(prefix + "ats.platform.v1")) {
                var notice = platform.readUntil(rs -> rs.stream().anyMatch(r -> r.value() != null && r.value().contains(endpoint)),
                        Duration.ofSeconds(20)).stream().filter(r -> r.value().contains(endpoint)).findFirst().orElseThrow();
                assertThat(notice.headers()).containsEntry("ce_type", "endpoint.disabled").containsEntry("ce_tenantid", f.tenant);
                assertThat(notice.value()).contains("\"reason\":\"gone\"", "\"lastStatus\":410");
            }
            // config-service is not running here: the dispatcher itself sends nothing more to this version
            assertThat(f.get("/v1/endpoints/" + endpoint).get("disabledByDispatcher").asBoolean()).isTrue();
            answer.set(204);
            f.publish("job.archived");
            sleep(1_000);
            assertThat(receiver.received()).hasSize(1);
            // the owner re-enables it: a newer version of the webhook
            f.config.publishWebhook(endpoint, f.tenant, 3, receiver.url("/hook"), secret, true, "{}", "{}", new String[] {"job.archived"});
            DeliveryFixture.eventually("the new version arrives", () -> f.get("/v1/endpoints/" + endpoint).get("version").asLong() == 3);
            f.publish("job.archived");
            DeliveryFixture.eventually("deliveries resume", () -> receiver.received().size() == 2);
            assertThat(f.get("/v1/endpoints/" + endpoint).get("disabledByDispatcher").asBoolean()).isFalse();
        }
    }

    @Test
    void anEndpointThatOnlyFailedForFiveDaysIsDisabled() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(503))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            f.awaitAttempts(endpoint, 1);
            advance(Duration.ofDays(5).plusHours(1));
            try (var platform = new TopicReader(prefix + "ats.platform.v1")) {
                platform.readUntil(rs -> rs.stream().anyMatch(r -> r.value() != null && r.value().contains(endpoint)
                        && r.value().contains("\"reason\":\"failing\"")), Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void aSlowEndpointTimesOutAndIsRetried() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(200).after(Duration.ofSeconds(3)))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{\"timeoutMs\":500}", "job.opened");
            f.publish("job.opened");
            JsonNode attempt = f.awaitAttempts(endpoint, 1).get(0);
            assertThat(attempt.get("outcome").asString()).isEqualTo("retryable");
            assertThat(attempt.get("error").asString()).contains("timeout");
            f.awaitMessage(attempt.get("messageId").asString(), m -> m.get("state").asString().equals("retrying"));
        }
    }

    @Test
    void aResetConnectionIsRetryable() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread resetter = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.setSoLinger(true, 0); // close with RST
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            resetter.setDaemon(true);
            resetter.start();
            var f = fixture();
            String endpoint = f.subscribe("http://127.0.0.1:" + server.getLocalPort() + "/hook", "{}", "job.opened");
            f.publish("job.opened");
            JsonNode attempt = f.awaitAttempts(endpoint, 1).get(0);
            assertThat(attempt.get("outcome").asString()).isEqualTo("retryable");
            assertThat(attempt.get("httpStatus").isNull() || attempt.get("httpStatus").isMissingNode()).isTrue();
            assertThat(attempt.get("error").asString()).isNotBlank();
        }
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        try (var elsewhere = new WebhookReceiver();
             var receiver = new WebhookReceiver().respond(r -> Reply.status(302).withHeader("Location", elsewhere.url("/x")))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            JsonNode attempt = f.awaitAttempts(endpoint, 1).get(0);
            assertThat(attempt.get("outcome").asString()).isEqualTo("retryable");
            assertThat(attempt.get("httpStatus").asInt()).isEqualTo(302);
            sleep(300);
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void retriesOfADeletedEndpointAreDiscarded() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(500))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            f.awaitMessage(message, m -> m.get("state").asString().equals("retrying"));
            f.config.delete("webhook:" + endpoint);
            DeliveryFixture.eventually("the deletion arrives", () -> f.status("/v1/endpoints/" + endpoint) == 404);
            advance(Duration.ofMinutes(1));
            f.awaitMessage(message, m -> !m.get("state").asString().equals("retrying"));
            sleep(300);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void anOperatorReplaysADeadLetterAndRecoversARange() {
        AtomicInteger mode = new AtomicInteger(500);
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(mode.get()))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            List<String> messages = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                f.publish("job.opened");
            }
            f.awaitAttempts(endpoint, 3).forEach(a -> messages.add(a.get("messageId").asString()));
            for (int attempt = 2; attempt <= 8; attempt++) {
                messages.forEach(m -> f.awaitMessage(m, s -> s.get("state").asString().equals("retrying")));
                advance(Duration.ofHours(13));
                f.awaitAttempts(endpoint, 3 * attempt);
            }
            messages.forEach(m -> f.awaitMessage(m, s -> s.get("state").asString().equals("dead")));
            mode.set(204);

            http.post().uri("/v1/messages/{id}/replay", messages.get(0)).headers(h -> h.setBearerAuth(f.adminKey)).exchange()
                    .expectStatus().isAccepted();
            f.awaitMessage(messages.get(0), s -> s.get("state").asString().equals("delivered"));

            var recovery = DeliveryFixture.JSON.readTree(http.post().uri("/v1/endpoints/{id}/recover", endpoint)
                    .headers(h -> h.setBearerAuth(f.adminKey))
                    .bodyValue(java.util.Map.of("since", TestClock.CLOCK.instant().minus(Duration.ofHours(1)).toString(),
                            "until", TestClock.CLOCK.instant().plus(Duration.ofHours(1)).toString()))
                    .exchange().expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody());
            assertThat(recovery.get("total").asInt()).isEqualTo(2);
            DeliveryFixture.eventually("the recovery finishes", () ->
                    f.get("/v1/recoveries/" + recovery.get("id").asString()).get("status").asString().equals("done"));
            assertThat(f.get("/v1/recoveries/" + recovery.get("id").asString()).get("requeued").asInt()).isEqualTo(2);
            messages.forEach(m -> f.awaitMessage(m, s -> s.get("state").asString().equals("delivered")));

            http.delete().uri("/v1/messages/{id}", messages.get(1)).headers(h -> h.setBearerAuth(f.adminKey)).exchange()
                    .expectStatus().isNotFound();
        }
    }

    @Test
    void aDeadLetterOfADeletedEndpointIsNotReplayableAndStaysADeadLetter() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(410))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            f.awaitMessage(message, m -> m.get("state").asString().equals("dead"));
            f.config.delete("webhook:" + endpoint);
            DeliveryFixture.eventually("the deletion arrives", () -> f.status("/v1/endpoints/" + endpoint) == 404);
            http.post().uri("/v1/messages/{id}/replay", message).headers(h -> h.setBearerAuth(f.adminKey)).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("not_replayable");
            assertThat(f.get("/v1/messages/" + message).get("state").asString()).isEqualTo("dead");
        }
    }

    @Test
    void aRetryingMessageCanBeDiscarded() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(500))) {
            var f = fixture();
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            String message = f.awaitAttempts(endpoint, 1).get(0).get("messageId").asString();
            f.awaitMessage(message, m -> m.get("state").asString().equals("retrying"));
            http.delete().uri("/v1/messages/{id}", message).headers(h -> h.setBearerAuth(f.adminKey)).exchange()
                    .expectStatus().isNoContent();
            assertThat(f.get("/v1/messages/" + message).get("state").asString()).isNotEqualTo("retrying");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
