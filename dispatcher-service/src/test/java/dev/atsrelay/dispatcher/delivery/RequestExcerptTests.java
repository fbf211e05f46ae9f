package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestExcerptTests {

    @Test
    void aShortBodyIsShownWhole() {
        assertThat(AttemptQuery.excerpt("{\"type\":\"job.opened\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"type\":\"job.opened\"}");
        assertThat(AttemptQuery.excerpt(null)).isNull();
    }

    @Test
    void aLongBodyIsCutAtFourKibibytesNeverInsideACharacter() {
        // 4095 ASCII bytes, then a 2-byte "é" across the 4096-byte boundary
        String body = "a".repeat(4095) + "é" + "b".repeat(100);
        String excerpt = AttemptQuery.excerpt(body.getBytes(StandardCharsets.UTF_8));
        assertThat(excerpt).isEqualTo("a".repeat(4095));
        assertThat(AttemptQuery.excerpt("c".repeat(5000).getBytes(StandardCharsets.UTF_8))).hasSize(4096);
    }
}
