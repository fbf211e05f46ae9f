package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.atsrelay.testkit.PrometheusText;
import org.junit.jupiter.api.Test;

/**
 * A thousand configuration changes, each timed from its write in config-service to its arrival in the dispatcher's
 * index (the dispatcher's atsrelay.dispatcher.config.propagation timer). Printed; bounded loosely here, since test
 * machines are noisy — bench/run config measures it against the p99 ≤ 1 s target.
 */
class PropagationE2ETests {

    private final Platform platform = Platform.shared();

    @Test
    void aThousandChangesReachTheDispatcherQuickly() {
        var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Propagation"));
        String key = tenant.body().get("adminKey").get("key").asString();
        double before = count();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(Http.post(platform.config.url("/v1/webhooks"), key,
                    Map.of("url", "http://127.0.0.1:9/w" + i, "eventTypes", List.of("job.opened"))).body().get("id").asString());
        }
        for (int round = 0; round < 9; round++) {
            for (String id : ids) {
                assertThat(Http.patch(platform.config.url("/v1/webhooks/" + id), key, Map.of("description", "change " + round)).status())
                        .isEqualTo(200);
            }
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (count() - before < 1000) {
            assertThat(Instant.now()).as("1,000 changes reach the dispatcher").isBefore(deadline);
            sleep();
        }
        String metrics = Http.get(platform.dispatcher.url("/actuator/prometheus"), null).text();
        String timer = "atsrelay_dispatcher_config_propagation_seconds";
        double p50 = PrometheusText.quantile(metrics, timer, 0.5);
        double p99 = PrometheusText.quantile(metrics, timer, 0.99);
        double max = PrometheusText.value(metrics, timer + "_max");
        System.out.printf("config propagation over %d changes: p50=%.0f ms p99=%.0f ms max=%.0f ms%n",
                (long) (count() - before), p50 * 1000, p99 * 1000, max * 1000);
        assertThat(max).as("slowest change, seconds").isLessThanOrEqualTo(5.0);
    }

    private double count() {
        return PrometheusText.value(Http.get(platform.dispatcher.url("/actuator/prometheus"), null).text(),
                "atsrelay_dispatcher_config_propagation_seconds_count");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
