package dev.atsrelay.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The phases measured against the peer and the limits: clean throughput (ours, then the Camel route on the same
 * records), the raw Kafka consume and raw HTTP POST rates, and throughput while the sink fails 10 % of first tries.
 */
final class PeerPhases {

    private final Rig rig;
    private final int events;
    private final int warmUp;
    private double ours = Double.NaN;
    private double camel = Double.NaN;

    PeerPhases(Rig rig, int events) {
        this.rig = rig;
        this.events = events;
        this.warmUp = DispatchBenchmark.warmUp(events);
    }

    /** Ours, then Camel on the same warm-up and measured records; events/s from first to last receipt at the sink. */
    void throughput() throws Exception {
        Batch clean = ours("clean", "w1", "c", 0);
        ours = clean.run().deliveredPerSecond();
        rig.sink.run("camel-w1", null, 0, false);
        SinkRun camelClean = rig.sink.run("camel-c", null, 0, false);
        double camelCores = rig.camel.run("camel-bench-clean", clean.from(), rig.sink.url("/camel"), camelClean, events,
                r -> r.delivered.size());
        camel = camelClean.deliveredPerSecond();
        rig.out.print("ours_events_per_second", ours, 0);
        rig.out.print("ours_verified_unique_deliveries", clean.run().delivered.size());
        rig.out.print("ours_duplicate_deliveries", clean.run().successes.get() - clean.run().delivered.size());
        rig.out.print("ours_dispatcher_cpu_cores", clean.cores(), 2);
        rig.out.print("camel_events_per_second", camel, 0);
        rig.out.print("camel_unique_deliveries", camelClean.delivered.size());
        rig.out.print("camel_jvm_cpu_cores", camelCores, 2);
        rig.out.atLeast("throughput_ratio_vs_camel", ours / camel, 1.3, 2);
    }

    /** The raw consume rate of the whole topic and the raw HTTP POST rate to the sink, each from a JVM of its own. */
    void limits() throws Exception {
        String classpath = System.getProperty("java.class.path");
        double kafka = rate(new JavaProcess("raw-kafka", classpath, RawLimits.class.getName(),
                List.of("kafka", rig.bootstrap, rig.topic)));
        rig.sink.run("raw", null, 0, false);
        double http = rate(new JavaProcess("raw-http", classpath, RawLimits.class.getName(),
                List.of("http", rig.sink.url("/raw"), Integer.toString(events), "64", Integer.toString(rig.events.eventBytes()))));
        rig.out.print("raw_kafka_consume_records_per_second", kafka, 0);
        rig.out.print("raw_http_post_requests_per_second", http, 0);
        rig.out.print("raw_http_post_concurrency", 64);
        if (!Double.isNaN(ours)) {
            rig.out.atLeast("fraction_of_http_limit", ours / http, 0.8, 2);
            rig.out.print("camel_fraction_of_http_limit", camel / http, 2);
        }
    }

    private static double rate(JavaProcess process) throws Exception {
        try (process) {
            String output = process.await(600);
            var m = java.util.regex.Pattern.compile("(?m)^rate=(\\S+)").matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("no rate in " + process.log());
            }
            return Double.parseDouble(m.group(1));
        }
    }

    /**
     * 10 % of first tries answered 503 (a random tenth of the distinct ids; a retry of the same id gets 204). Healthy
     * throughput: the 2xx answers given from the first request until the last id's first try arrived, per second of
     * that window — the window in which the first-attempt stream is processed; our 503s are retried within it too,
     * 5 s (±20 %) after they failed.
     */
    void faults() throws Exception {
        Batch batch = ours("faults", "w2", "f", 0.1);
        SinkRun faults = batch.run();
        double healthy = faults.successesInFirstAttemptWindow() / faults.firstAttemptWindowSeconds();

        rig.sink.run("camel-w2", null, 0.1, false);
        SinkRun camelFaults = rig.sink.run("camel-f", null, 0.1, false);
        rig.camel.run("camel-bench-faults", batch.from(), rig.sink.url("/camel"), camelFaults, events, r -> r.seen.size());
        double camelHealthy = camelFaults.successesInFirstAttemptWindow() / camelFaults.firstAttemptWindowSeconds();
        rig.out.print("ours_faults_healthy_deliveries_per_second", healthy, 0);
        rig.out.print("ours_faults_first_try_503s", faults.refused.get());
        rig.out.print("ours_faults_first_attempt_window_seconds", faults.firstAttemptWindowSeconds(), 2);
        rig.out.print("ours_faults_all_delivered_after_seconds", faults.successWindowSeconds(), 2);
        rig.out.print("ours_faults_verified_unique_deliveries", faults.delivered.size());
        rig.out.print("camel_faults_healthy_deliveries_per_second", camelHealthy, 0);
        rig.out.print("camel_faults_503s_lost", camelFaults.refused.get());
        rig.out.print("camel_faults_requests", camelFaults.requests.get());
        if (!Double.isNaN(ours)) {
            rig.out.atLeast("ours_faults_fraction_of_clean", healthy / ours, 0.7, 2);
            rig.out.print("camel_faults_fraction_of_clean", camelHealthy / camel, 2);
        }
    }

    /** What our dispatcher did with one measured batch, and where the batch starts on the topic (for the peer). */
    private record Batch(SinkRun run, Map<TopicPartition, Long> from, double cores) {
    }

    /**
     * Our dispatcher delivers a fresh warm-up ({@code warmTag}: {@code evt_<warmTag>_<n>} of a tenant of its own, sink
     * run {@code warmTag}, answered like the batch, so that a faulty batch's error path is warm too) and then
     * {@code events} events {@code evt_<tag>_<n>} of a new tenant whose one webhook posts to sink run {@code run}; waits
     * until every id was delivered, verified. As for the peer, both are on the topic before the dispatcher reads them:
     * it is stopped (gracefully) while they are written and started again afterwards, a new JVM, so that the
     * producer's and the broker's work of writing them is not measured against ours alone. {@code cores}: the
     * dispatcher's CPU time over the wall time, from the batch's first request at the sink to its last delivery (as for
     * the peer).
     */
    private Batch ours(String run, String warmTag, String tag, double failFirst) throws Exception {
        String tenant = tenant(run);
        SinkRun sinkRun = rig.sink.run(run, rig.secret, failFirst, false);
        String warmTenant = tenant(warmTag);
        SinkRun warm = rig.sink.run(warmTag, rig.secret, failFirst, false);
        var from = rig.events.endOffsets();
        rig.dispatcher.stop();
        rig.events.produce(warmTag, warmUp, i -> warmTenant);
        rig.events.produce(tag, events, i -> tenant);
        rig.dispatcher.start();
        Instant deadline = Instant.now().plusSeconds(300);
        while (sinkRun.requests.get() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("our " + run + " run: no request within 300 s of the restart");
            }
            Thread.sleep(5);
        }
        var counters = rig.dispatcher.counters();
        Duration cpu = rig.dispatcher.cpu();
        long started = System.nanoTime();
        Rig.await(sinkRun, r -> r.delivered.size(), events, "our " + run + " run");
        double cores = rig.dispatcher.cpu().minus(cpu).toNanos() / (double) (System.nanoTime() - started);
        Rig.await(warm, r -> r.delivered.size(), warmUp, "warm-up " + warmTag);
        rig.printCounters(run, counters);
        return new Batch(sinkRun, from, cores);
    }

    private String tenant(String run) throws InterruptedException {
        return rig.dispatcher.publish(1, 1, (t, w) -> rig.sink.endpointUrl(run, 0), (t, w) -> "job.updated", rig.secret)
                .get(0).id();
    }
}
