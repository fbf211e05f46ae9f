package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The SSRF guard in the running dispatcher, with loopback NOT allowed: deliveries and Tests to a real receiver on
 * 127.0.0.1, addressed as 127.0.0.1, ::1, ::ffff:127.0.0.1 and localhost, are refused (the IP literals by the URL
 * check, localhost when it resolves, at connect time), the receiver gets nothing, the attempt log says why, and the
 * message is a dead letter {@code refused}. Only loopback is ever addressed.
 */
@IntegrationTest
@TestPropertySource(properties = "atsrelay.dispatcher.ssrf.allow=")
class SsrfIntegrationTests {

    private static final String INTERNAL_TOKEN = "test-internal-token-0123456789abcdef";

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:%d/hook         | 127.0.0.1 is a loopback address",
            "http://[::1]:%d/hook             | ::1 is a loopback address",
            "http://[::ffff:127.0.0.1]:%d/hook | ::ffff:127.0.0.1 is an IPv4-mapped form of 127.0.0.1, a loopback address",
            "http://localhost:%d/hook         | 127.0.0.1 (localhost) is a loopback address"})
    void aDeliveryToLoopbackIsRefusedAndDeadLettered(String url, String reason) throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var f = new DeliveryFixture(http, prefix);
            String endpoint = f.subscribe(url.formatted(receiver.port()), "{}", "job.opened");
            f.publish("job.opened");
            JsonNode attempt = f.awaitAttempts(endpoint, 1).get(0);
            assertThat(attempt.get("outcome").asString()).isEqualTo("refused");
            assertThat(attempt.get("error").asString()).isEqualTo("destination not allowed: " + reason);
            var dead = f.awaitMessage(attempt.get("messageId").asString(), m -> m.get("state").asString().equals("dead"));
            assertThat(dead.get("deadReason").asString()).isEqualTo("refused");
            assertThat(dead.get("attempts").asInt()).isEqualTo(1);
            Thread.sleep(300);
            assertThat(receiver.received()).as("nothing reached the receiver").isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:%d/hook | 127.0.0.1 (localhost) is a loopback address",
            "http://127.0.0.1:%d/hook | 127.0.0.1 is a loopback address"})
    void aTestThroughTheInternalApiIsRefusedToo(String url, String reason) throws Exception {
        // a ciphertext config-service could have written (docs/contracts/secret-encryption-vectors.json, test key)
        JsonNode vector = DeliveryFixture.JSON.readTree(Files.readString(Path.of("../docs/contracts/secret-encryption-vectors.json")))
                .get("vectors").get(0);
        try (var receiver = new WebhookReceiver()) {
            var request = Map.of(
                    "tenantId", "ten_ssrf",
                    "ownerId", vector.get("owner").asString(),
                    "url", url.formatted(receiver.port()),
                    "secrets", List.of(Map.of("id", "whs_1", "ciphertext", vector.get("ciphertext").asString())),
                    "event", Map.of("id", "evt_ssrf_test", "type", "webhook.test", "specversion", "1.0", "data", Map.of()),
                    "timeoutMs", 2000);
            http.post().uri("/internal/v1/test-deliveries").headers(h -> h.setBearerAuth(INTERNAL_TOKEN))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(request).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.passed").isEqualTo(false)
                    .jsonPath("$.status").isEqualTo(0)
                    .jsonPath("$.error").isEqualTo("destination not allowed: " + reason);
            Thread.sleep(300);
            assertThat(receiver.received()).as("nothing reached the receiver").isEmpty();
        }
    }
}
