package dev.atsrelay.dispatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClassificationTests {

    @Test
    void onlyTwoHundredsSucceed() {
        assertThat(Classification.ofStatus(200)).isEqualTo(Classification.SUCCEEDED);
        assertThat(Classification.ofStatus(204)).isEqualTo(Classification.SUCCEEDED);
        assertThat(Classification.ofStatus(299)).isEqualTo(Classification.SUCCEEDED);
        assertThat(Classification.ofStatus(301)).isEqualTo(Classification.RETRYABLE);
        assertThat(Classification.ofStatus(302)).isEqualTo(Classification.RETRYABLE);
        assertThat(Classification.ofStatus(400)).isEqualTo(Classification.RETRYABLE);
        assertThat(Classification.ofStatus(500)).isEqualTo(Classification.RETRYABLE);
    }

    @Test
    void goneIsTerminalAndThrottlingIsRetryable() {
        assertThat(Classification.ofStatus(410)).isEqualTo(Classification.GONE);
        assertThat(Classification.GONE.terminal()).isTrue();
        for (int status : new int[] {429, 502, 503, 504}) {
            assertThat(Classification.ofStatus(status)).isEqualTo(Classification.THROTTLED);
        }
        assertThat(Classification.THROTTLED.retryable()).isTrue();
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(WebhookSender.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter("Mon, 23 Nov 2026 10:01:00 GMT", now)).isEqualTo(Duration.ofSeconds(60));
        assertThat(WebhookSender.retryAfter("soon", now)).isNull();
        assertThat(WebhookSender.retryAfter(null, now)).isNull();
    }
}
