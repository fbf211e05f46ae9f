package dev.atsrelay.dispatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookSignerTests {

    private static final JsonNode VECTORS = JsonMapper.builder().build()
            .readTree(read("../docs/contracts/standard-webhooks-vectors.json")).get("vectors");

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void signsTheSpecTestVector() {
        for (JsonNode v : VECTORS) {
            String header = WebhookSigner.signatureHeader(v.get("id").asString(), v.get("timestamp").asLong(),
                    v.get("payload").asString(), List.of(new SigningKey(v.get("secret").asString())));
            assertThat(header).isEqualTo(v.get("signature").asString());
        }
    }

    @Test
    void signsWithEveryActiveSecretDuringARotationAndEitherVerifies() throws Exception {
        String oldSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String newSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"job.opened\"}";
        String header = WebhookSigner.signatureHeader("msg_1", now, body,
                List.of(new SigningKey(newSecret), new SigningKey(oldSecret)));
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        var headers = Map.of("webhook-id", List.of("msg_1"), "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(header));
        new Webhook(oldSecret).verify(body, headers);
        new Webhook(newSecret).verify(body, headers);
        assertThatThrownBy(() -> new Webhook("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").verify(body, headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void refusesToSignWithoutASecret() {
        assertThatThrownBy(() -> WebhookSigner.signatureHeader("msg_1", 1, "{}", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
