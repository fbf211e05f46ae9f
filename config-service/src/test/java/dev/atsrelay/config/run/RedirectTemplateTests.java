package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.action.RedirectTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedirectTemplateTests {

    @Test
    void fillsEveryPlaceholderWithItsPercentEncodedValue() {
        String url = RedirectTemplate.fill("https://hris.example/c/{recordId}?by={userId}&s={sessionId}",
                Map.of("recordId", "CAND 5/21?&x=é#~", "userId", "dana+w@acme"));
        assertThat(url).isEqualTo("https://hris.example/c/CAND%205%2F21%3F%26x%3D%C3%A9%23~?by=dana%2Bw%40acme&s=");
    }
}
