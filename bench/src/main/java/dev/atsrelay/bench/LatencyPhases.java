package dev.atsrelay.bench;

import java.util.List;

/**
 * Latency at a steady rate, and isolation: 100 endpoints with equal traffic, then the same with one of them hanging.
 * Latency is from the CloudEvent {@code time}, set by the paced producer when it sends the event, to the sink's
 * receipt of the delivery (same clock: both are in the benchmark JVM).
 */
final class LatencyPhases {

    static final int RATE = 1_000;
    static final int ENDPOINTS = 100;
    static final int WARM_UP_SECONDS = 15;

    private final Rig rig;
    private final int seconds;
    private final int isolationEvents;

    LatencyPhases(Rig rig, int seconds, int isolationEvents) {
        this.rig = rig;
        this.seconds = seconds;
        this.isolationEvents = isolationEvents;
    }

    /** One endpoint, {@link #RATE} events/s for {@code seconds}: p50/p99/max over every event. */
    void latency() throws Exception {
        String tenant = rig.dispatcher.publish(1, 1, (t, w) -> rig.sink.endpointUrl("latency", 0), (t, w) -> "job.updated",
                rig.secret).get(0).id();
        SinkRun run = rig.sink.run("latency", rig.secret, 0, true);
        var counters = rig.dispatcher.counters();
        List<Long> kafka;
        int sent;
        try (var leg = new KafkaLeg(rig.bootstrap, rig.topic, "l")) {
            // the paced path warmed up first: the producer's and the observer's code, the broker's small requests
            rig.pacedWarmUp("lw", RATE, WARM_UP_SECONDS);
            sent = rig.events.producePaced("l", RATE, seconds, i -> tenant);
            Rig.await(run, r -> r.delivered.size(), sent, "latency run");
            kafka = leg.stop();
        }
        rig.printCounters("latency", counters);
        List<Long> micros = run.sortedLatencies();
        rig.out.print("latency_events", sent);
        rig.out.print("latency_rate_per_second", RATE);
        rig.out.print("latency_p50_ms", Figures.quantile(micros, 0.5) / 1000, 1);
        rig.out.atMost("latency_p99_ms", Figures.quantile(micros, 0.99) / 1000, 50, 1);
        rig.out.print("latency_max_ms", micros.get(micros.size() - 1) / 1000.0, 1);
        rig.out.print("latency_kafka_leg_p50_ms", Figures.quantile(kafka, 0.5) / 1000, 1);
        rig.out.print("latency_kafka_leg_p99_ms", Figures.quantile(kafka, 0.99) / 1000, 1);
    }

    /**
     * 100 tenants with one endpoint each, events round-robin over them. Endpoint 0 is healthy in the first pair of
     * runs and hangs in the second; only endpoints 1–99 are compared. Each pair: a backlog of {@code isolationEvents}
     * (throughput: healthy deliveries per second, first to last receipt) and {@code seconds} at {@link #RATE}
     * events/s (p99 latency of the healthy endpoints).
     */
    void isolation() throws Exception {
        double[] healthy = pair("iso", null);
        double[] hanging;
        try (var hang = new HangingEndpoint(); var hang2 = new HangingEndpoint()) {
            hanging = pair("isohang", new HangingEndpoint[] {hang, hang2});
            rig.out.print("isolation_hanging_endpoint_requests", hang.requests() + hang2.requests());
        }
        rig.out.print("isolation_endpoints", ENDPOINTS);
        rig.out.print("isolation_events", isolationEvents);
        rig.out.print("isolation_healthy_deliveries_per_second", healthy[0], 0);
        rig.out.print("isolation_healthy_p99_ms", healthy[1], 1);
        rig.out.print("isolation_with_hanging_deliveries_per_second", hanging[0], 0);
        rig.out.print("isolation_with_hanging_p99_ms", hanging[1], 1);
        rig.out.atLeast("isolation_throughput_fraction", hanging[0] / healthy[0], 0.9, 2);
        rig.out.atMost("isolation_p99_ratio", hanging[1] / healthy[1], 1.5, 2);
    }

    /** Throughput and p99 of endpoints 1–99; endpoint 0 goes to a hanging endpoint (one per run) when given. */
    private double[] pair(String name, HangingEndpoint[] hang) throws Exception {
        double[] result = new double[2];
        for (int round = 0; round < 2; round++) {
            String run = name + (round == 0 ? "t" : "l");
            HangingEndpoint zero = hang == null ? null : hang[round];
            // endpoint 0, when healthy, posts to a run of its own so that both pairs compare endpoints 1–99
            var tenants = rig.dispatcher.publish(ENDPOINTS, 1, (t, w) -> t > 0 ? rig.sink.endpointUrl(run, t)
                    : zero != null ? zero.url() : rig.sink.endpointUrl(run + "zero", 0), (t, w) -> "job.updated", rig.secret);
            rig.sink.run(run + "zero", rig.secret, 0, false);
            SinkRun measured = rig.sink.run(run, rig.secret, 0, round == 1);
            var counters = rig.dispatcher.counters();
            int sent;
            if (round == 0) {
                sent = isolationEvents;
                rig.events.produce(run, sent, i -> tenants.get(i % ENDPOINTS).id());
            } else {
                sent = rig.events.producePaced(run, RATE, seconds, i -> tenants.get(i % ENDPOINTS).id());
            }
            int expected = sent - (sent + ENDPOINTS - 1) / ENDPOINTS;
            Rig.await(measured, r -> r.delivered.size(), expected, name + " run " + run);
            rig.printCounters(run, counters);
            if (zero != null) {
                zero.release();
            }
            result[round] = round == 0 ? measured.deliveredPerSecond() : Figures.quantile(measured.sortedLatencies(), 0.99) / 1000;
        }
        return result;
    }
}
