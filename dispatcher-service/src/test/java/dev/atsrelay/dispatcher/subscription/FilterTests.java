package dev.atsrelay.dispatcher.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTests {

    private static final Map<String, Object> EVENT = Map.of("/data/jobId", "J-1042", "/data/stage/stageId", "st-offer",
            "/data/channel/channelId", "ch-careers", "/data/method", "api", "/data/positionsFilled", 2,
            "/data/title", "Senior Payroll Officer");
    private static final EventView VIEW = EVENT::get;

    private static Filter conditions(Filter.Condition... c) {
        return new Filter(null, null, null, List.of(c));
    }

    @Test
    void noFilterMatchesEverything() {
        assertThat(Filter.NONE.isEmpty()).isTrue();
        assertThat(Filter.NONE.matches(VIEW)).isTrue();
    }

    @Test
    void matchesOnlyTheListedJobsStagesAndChannels() {
        assertThat(new Filter(List.of("J-1042", "J-7"), null, null, null).matches(VIEW)).isTrue();
        assertThat(new Filter(List.of("J-7"), null, null, null).matches(VIEW)).isFalse();
        assertThat(new Filter(null, List.of("st-offer"), List.of("ch-careers"), null).matches(VIEW)).isTrue();
        assertThat(new Filter(null, null, List.of("ch-linkedin"), null).matches(VIEW)).isFalse();
        assertThat(new Filter(null, List.of("st-offer"), null, null).matches(p -> null)).isFalse();
    }

    @Test
    void evaluatesEveryOperator() {
        assertThat(conditions(new Filter.Condition("/data/method", "eq", "api")).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/method", "ne", "manual")).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/method", "in", List.of("manual", "api"))).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/method", "not_in", List.of("api"))).matches(VIEW)).isFalse();
        assertThat(conditions(new Filter.Condition("/data/reason", "not_exists", null)).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/title", "exists", null)).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/positionsFilled", "gt", 1)).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/positionsFilled", "gte", 2.0)).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/positionsFilled", "lt", 2)).matches(VIEW)).isFalse();
        assertThat(conditions(new Filter.Condition("/data/positionsFilled", "lte", 2)).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/positionsFilled", "eq", 2.0)).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/title", "prefix", "Senior")).matches(VIEW)).isTrue();
        assertThat(conditions(new Filter.Condition("/data/title", "gt", 1)).matches(VIEW)).isFalse();
    }

    @Test
    void allConditionsMustHold() {
        assertThat(conditions(new Filter.Condition("/data/method", "eq", "api"),
                new Filter.Condition("/data/positionsFilled", "gt", 5)).matches(VIEW)).isFalse();
    }
}
