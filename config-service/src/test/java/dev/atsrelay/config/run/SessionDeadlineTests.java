package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.marketplace.VendorSession;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionDeadlineTests {

    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void redactsAtTheSessionsExpiry() {
        var session = new VendorSession("vs_x", CREATED.plus(Duration.ofDays(7)).minusSeconds(15 * 60), CREATED);
        assertThat(SessionDeadline.redactAt(session, Duration.ofMinutes(1))).isEqualTo(Instant.parse("2026-11-30T09:45:00Z"));
    }

    @Test
    void neverLaterThanSevenDaysLessTwoIntervalsWhateverTheExpirySays() {
        var late = new VendorSession("vs_x", CREATED.plus(Duration.ofDays(30)), CREATED);
        assertThat(SessionDeadline.redactAt(late, Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-11-30T09:50:00Z"));
        var atTheDeadline = new VendorSession("vs_x", CREATED.plus(Duration.ofDays(7)), CREATED);
        assertThat(SessionDeadline.redactAt(atTheDeadline, Duration.ofMinutes(1))).isEqualTo(Instant.parse("2026-11-30T09:58:00Z"));
    }
}
