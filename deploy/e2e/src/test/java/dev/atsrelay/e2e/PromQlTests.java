package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTests {

    @Test
    void findsMetricNamesButNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames("""
                sum by (job, le) (rate(atsrelay_x_seconds_bucket{job="a", topic=~".*\\\\..*"}[$__rate_interval]))
                / on (job) group_left (le) clamp_min(sum without (instance) (up offset 5m), 1) > bool 0.1
                and job:recorded:rate5m unless absent(other_total)"""))
                .containsExactly("atsrelay_x_seconds_bucket", "job:recorded:rate5m", "other_total", "up");
    }

    @Test
    void ignoresNumbersDurationsAndVariables() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, rate(a_bucket[5m])) > 604800 - 300"))
                .containsExactly("a_bucket");
    }
}
