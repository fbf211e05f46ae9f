package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.PrometheusText;
import dev.atsrelay.testkit.WebhookReceiver;
import dev.atsrelay.testkit.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A consumer that fails unexpectedly is replaced: here another member takes the dispatcher's static instance id, which
 * fences the dispatcher's consumer (a real broker error, as when two instances are misconfigured with the same id).
 */
@IntegrationTest
@TestPropertySource(properties = "atsrelay.dispatcher.consumer.instance-id=fenced")
class ConsumerRecoveryIntegrationTests {

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void aFencedConsumerIsReplacedAndDeliveriesGoOn() {
        try (var receiver = new WebhookReceiver().respond(r -> Reply.status(204))) {
            var f = new DeliveryFixture(http, prefix);
            String endpoint = f.subscribe(receiver.url("/hook"), "{}", "job.opened");
            f.publish("job.opened");
            f.awaitAttempts(endpoint, 1);

            try (var intruder = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, prefix + "dispatcher",
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "fenced-0",
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000),
                    new StringDeserializer(), new StringDeserializer())) {
                intruder.subscribe(List.of(prefix + "ats.events.v1"));
                DeliveryFixture.eventually("the dispatcher's consumer is fenced and replaced", () -> {
                    intruder.poll(Duration.ofMillis(200));
                    return restarts() >= 1;
                });
            } catch (org.apache.kafka.common.errors.FencedInstanceIdException expected) {
                // the replacement took the instance id back
            }
            f.publish("job.opened");
            f.awaitAttempts(endpoint, 2);
            DeliveryFixture.eventually("healthy again", () -> http.get().uri("/actuator/health").exchange()
                    .expectBody().returnResult().getStatus().is2xxSuccessful());
        }
    }

    private double restarts() {
        String text = http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody();
        return PrometheusText.value(text, "atsrelay_dispatcher_consumer_restarts_total");
    }
}
