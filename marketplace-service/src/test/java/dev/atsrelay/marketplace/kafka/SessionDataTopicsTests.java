package dev.atsrelay.marketplace.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionDataTopicsTests {

    @Test
    void acceptsThreeDaysPlusAnHourSegment() {
        assertThat(SessionDataTopics.violations(Map.of("retention.ms", "259200000", "segment.ms", "3600000",
                "cleanup.policy", "delete"))).isEmpty();
    }

    @Test
    void aRecordMayStayRetentionPlusOneSegment() {
        assertThat(SessionDataTopics.kept(Map.of("retention.ms", "259200000", "segment.ms", "3600000")))
                .isEqualTo(java.time.Duration.ofDays(3).plusHours(1));
    }

    @Test
    void refusesTheBrokerDefaultSegmentOfSevenDays() {
        assertThat(SessionDataTopics.violations(Map.of("retention.ms", "259200000", "segment.ms", "604800000")))
                .singleElement().asString().contains("must stay under 604800000");
    }

    @Test
    void refusesASumOfExactlySevenDays() {
        assertThat(SessionDataTopics.violations(Map.of("retention.ms", "601200000", "segment.ms", "3600000"))).hasSize(1);
    }

    @Test
    void refusesInfiniteRetentionAndCompaction() {
        assertThat(SessionDataTopics.violations(Map.of("retention.ms", "-1", "segment.ms", "3600000"))).hasSize(1);
        assertThat(SessionDataTopics.violations(Map.of("retention.ms", "3600000", "segment.ms", "3600000",
                "cleanup.policy", "compact"))).singleElement().asString().contains("cleanup.policy");
    }
}
