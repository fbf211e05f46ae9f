package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.PrometheusText;
import dev.atsrelay.testkit.WebhookReceiver;
import dev.atsrelay.testkit.WebhookReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Per-endpoint protection against real receivers on 127.0.0.1, on the real clock with short periods: the circuit
 * breaker opens and closes, the rate limit holds, and a hanging endpoint holds neither other endpoints nor the
 * partition's offset commits.
 */
@IntegrationTest
@TestPropertySource(properties = {"atsrelay.dispatcher.delivery.retry-poll-interval=100ms",
        "atsrelay.dispatcher.delivery.retry-delays=1s,1s,1s,1s,1s,1s,1s", "atsrelay.dispatcher.delivery.jitter=0",
        "atsrelay.dispatcher.protection.breaker.window=4", "atsrelay.dispatcher.protection.breaker.minimum-calls=4",
        "atsrelay.dispatcher.protection.breaker.open-for=2s", "atsrelay.dispatcher.protection.breaker.probes=2",
        "atsrelay.dispatcher.protection.handoff-after=500ms", "atsrelay.dispatcher.protection.max-rate-wait=200ms"})
class ProtectionIntegrationTests {

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void theBreakerOpensOnFailuresSendsNothingWhileOpenAndClosesWhenProbesSucceed() {
        AtomicInteger status = new AtomicInteger(500);
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(status.get()))) {
            var f = new DeliveryFixture(http, prefix);
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            for (int i = 0; i < 4; i++) {
                f.publish("job.opened", "J-" + i);
            }
            f.awaitAttempts(endpoint, 4);
            DeliveryFixture.eventually("the circuit opens", () -> circuit(f, endpoint).equals("open"));

            List<String> deferred = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deferred.add(MessageId.of(f.tenant, f.publish("job.opened", "K-" + i), endpoint));
            }
            DeliveryFixture.eventually("deliveries are deferred", () -> deferrals("circuit_open") >= 3);
            assertThat(receiver.received()).as("nothing sent while the circuit is open").hasSize(4);
            assertThat(f.get("/v1/endpoints/" + endpoint).get("protection").get("openUntil").isNull()).isFalse();

            status.set(204);
            DeliveryFixture.eventually("the probes succeed and the circuit closes", () -> circuit(f, endpoint).equals("closed"));
            DeliveryFixture.eventually("every message is delivered", () -> f.attempts(endpoint).stream()
                    .filter(a -> a.get("outcome").asString().equals("succeeded")).count() == 7);
            assertThat(deferred).allSatisfy(m -> assertThat(f.get("/v1/messages/" + m).get("state").asString()).isEqualTo("delivered"));
        }
    }

    @Test
    void theRateLimitHoldsAgainstARealReceiver() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(204))) {
            var f = new DeliveryFixture(http, prefix);
            String endpoint = f.subscribe(receiver.url("/hook"), "{\"rateLimitPerSecond\":5}", "job.opened");
            for (int i = 0; i < 20; i++) {
                f.publish("job.opened", "R-" + i);
            }
            List<Instant> at = receiver.await(20, Duration.ofSeconds(20)).stream().map(WebhookReceiver.Received::at).sorted().toList();
            // in any one second, at most the limit (and one more for where the window starts)
            assertThat(mostWithin(at, Duration.ofSeconds(1))).as("requests in any one second").isLessThanOrEqualTo(6);
            assertThat(Duration.between(at.get(0), at.get(19))).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
            assertThat(f.get("/v1/endpoints/" + endpoint).get("protection").get("rateLimitPerSecond").asInt()).isEqualTo(5);
        }
    }

    @Test
    void aWebhooksOwnConcurrencyCapHoldsAgainstASlowReceiver() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(204).after(Duration.ofMillis(400)))) {
            var f = new DeliveryFixture(http, prefix);
            String endpoint = f.subscribe(receiver.url("/hook"), "{\"maxConcurrent\":2}", "job.opened");
            for (int i = 0; i < 6; i++) {
                f.publish("job.opened", "C-" + i);
            }
            List<Instant> at = receiver.await(6, Duration.ofSeconds(20)).stream().map(WebhookReceiver.Received::at).sorted().toList();
            // two at a time, each answered after 400 ms: three waves
            assertThat(mostWithin(at, Duration.ofMillis(300))).as("requests within any 300 ms").isLessThanOrEqualTo(2);
            assertThat(f.get("/v1/endpoints/" + endpoint).get("protection").get("maxConcurrent").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aHangingEndpointHoldsNeitherOtherEndpointsNorTheOffsetCommits() throws Exception {
        try (var hanging = new WebhookReceiver().respond(r -> Reply.status(204).after(Duration.ofMinutes(5)));
             var healthy = new WebhookReceiver().respond(r -> Reply.status(204))) {
            var f = new DeliveryFixture(http, prefix);
            String stuck = f.subscribe(hanging.url("/hook"), "{\"timeoutMs\":20000}", "job.opened");
            f.subscribe(healthy.url("/hook"), "{}", "job.opened");
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(f.publish("job.opened", "H-" + i));
            }
            healthy.await(20, Duration.ofSeconds(10));
            DeliveryFixture.eventually("every record is committed while the hanging requests are still open", () -> lag() == 0);
            assertThat(hanging.received()).hasSize(20);
            String message = MessageId.of(f.tenant, events.get(0), stuck);
            assertThat(f.get("/v1/messages/" + message).get("state").asString()).isEqualTo("retrying");
            assertThat(metric("atsrelay_dispatcher_handoffs_total")).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void fifoPerKeyHoldsTheNextMessageUntilThePreviousSucceededWhileOtherKeysFlow() {
        List<String> a = List.of("evt_a1_" + UUID.randomUUID(), "evt_a2_" + UUID.randomUUID(), "evt_a3_" + UUID.randomUUID(),
                "evt_a4_" + UUID.randomUUID());
        List<String> b = List.of("evt_b1_" + UUID.randomUUID(), "evt_b2_" + UUID.randomUUID(), "evt_b3_" + UUID.randomUUID());
        List<String> tried = new CopyOnWriteArrayList<>();
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        try (var receiver = new WebhookReceiver().respond(r -> {
            String id = Stream.concat(a.stream(), b.stream()).filter(e -> r.body().contains("\"" + e + "\"")).findFirst().orElseThrow();
            tried.add(id);
            if (id.equals(a.get(0)) && failuresLeft.getAndDecrement() > 0) {
                return Reply.status(503);
            }
            accepted.add(id);
            return Reply.status(204);
        })) {
            var f = new DeliveryFixture(http, prefix);
            String endpoint = f.subscribe(receiver.url("/hook"), "{\"fifo\":true}", "job.opened");
            f.publish("job.opened", "A", a.get(0));
            for (int i = 0; i < b.size(); i++) {
                f.publish("job.opened", "A", a.get(i + 1));
                f.publish("job.opened", "B", b.get(i));
            }
            // the other key is not held back by the first key's failing message
            DeliveryFixture.eventually("key B delivered", () -> accepted.containsAll(b));
            DeliveryFixture.eventually("key A delivered", () -> accepted.containsAll(a));
            assertThat(accepted.stream().filter(a::contains).toList()).containsExactlyElementsOf(a);
            assertThat(accepted.stream().filter(b::contains).toList()).containsExactlyElementsOf(b);
            // no message of key A was even tried before the one ahead of it succeeded
            assertThat(tried.stream().filter(a::contains).toList()).containsExactly(a.get(0), a.get(0), a.get(0), a.get(1), a.get(2), a.get(3));
            assertThat(accepted.indexOf(b.get(2))).as("key B done before key A's first message got through")
                    .isLessThan(accepted.indexOf(a.get(0)));
            assertThat(f.attempts(endpoint)).hasSize(9);
        }
    }

    private long lag() {
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets(prefix + "dispatcher").partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 12; p++) {
                latest.put(new TopicPartition(prefix + "ats.events.v1", p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                var c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String circuit(DeliveryFixture f, String endpoint) {
        var protection = f.get("/v1/endpoints/" + endpoint).get("protection");
        return protection == null || protection.isNull() ? "none" : protection.get("circuit").asString();
    }

    private double deferrals(String reason) {
        String text = http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody();
        var m = java.util.regex.Pattern.compile("(?m)^atsrelay_dispatcher_deferrals_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private double metric(String name) {
        return PrometheusText.value(http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult()
                .getResponseBody(), name);
    }

    /** The most requests that arrived within {@code window} of one another ({@code at} sorted). */
    private static long mostWithin(List<Instant> at, Duration window) {
        return at.stream().mapToLong(from -> at.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plus(window))).count())
                .max().orElse(0);
    }
}
