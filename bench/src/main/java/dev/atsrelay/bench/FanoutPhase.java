package dev.atsrelay.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Matching cost per event for a tenant with 100 and with 10,000 webhooks, 10 of which want {@code job.updated} in
 * both; the others want other event types (round-robin over the rest of the catalogue) and are never delivered to.
 * Measured end to end in alternating rounds: each round sends {@code eventsPerRound} events to one tenant and waits
 * for all 10 deliveries of each; the figures are the dispatcher process's CPU time per event (all threads: consume,
 * match, sign, send, attempt log) and events/s, the median of {@link #ROUNDS} rounds each.
 */
final class FanoutPhase {

    static final int ROUNDS = 3;
    static final int MATCHING = 10;
    private static final List<String> OTHER_TYPES = List.of("job.created", "job.opened", "job.published", "job.closed",
            "job.filled", "job.withdrawn", "job.archived", "candidate.stage_entered", "action.invoked");

    private final Rig rig;
    private final int eventsPerRound;

    FanoutPhase(Rig rig, int eventsPerRound) {
        this.rig = rig;
        this.eventsPerRound = eventsPerRound;
    }

    void run() throws Exception {
        String small = tenant("fan100", 100);
        String large = tenant("fan10000", 10_000);
        SinkRun smallRun = rig.sink.run("fan100", rig.secret, 0, false);
        SinkRun largeRun = rig.sink.run("fan10000", rig.secret, 0, false);
        List<Double> smallCpu = new ArrayList<>();
        List<Double> largeCpu = new ArrayList<>();
        List<Double> smallRate = new ArrayList<>();
        List<Double> largeRate = new ArrayList<>();
        var counters = rig.dispatcher.counters();
        for (int round = 0; round < ROUNDS; round++) {
            round("fs" + round, small, smallRun, (round + 1) * eventsPerRound, smallCpu, smallRate);
            round("fl" + round, large, largeRun, (round + 1) * eventsPerRound, largeCpu, largeRate);
        }
        rig.printCounters("fanout", counters);
        double cpu100 = IngestBenchmark.median(smallCpu);
        double cpu10000 = IngestBenchmark.median(largeCpu);
        rig.out.print("fanout_events_per_round", eventsPerRound);
        rig.out.print("fanout_matching_webhooks", MATCHING);
        rig.out.print("fanout_100_events_per_second", IngestBenchmark.median(smallRate), 0);
        rig.out.print("fanout_10000_events_per_second", IngestBenchmark.median(largeRate), 0);
        rig.out.print("fanout_100_cpu_us_per_event", cpu100, 0);
        rig.out.print("fanout_10000_cpu_us_per_event", cpu10000, 0);
        rig.out.atMost("fanout_cost_ratio", cpu10000 / cpu100, 1.5, 2);
    }

    private void round(String tag, String tenant, SinkRun run, int total, List<Double> cpus, List<Double> rates) throws Exception {
        Duration cpu = rig.dispatcher.cpu();
        long started = System.nanoTime();
        rig.events.produce(tag, eventsPerRound, i -> tenant);
        Rig.await(run, r -> r.delivered.size(), total * MATCHING, "fan-out round " + tag);
        long elapsed = System.nanoTime() - started;
        cpus.add(rig.dispatcher.cpu().minus(cpu).toNanos() / 1000.0 / eventsPerRound);
        rates.add(eventsPerRound / (elapsed / 1e9));
    }

    /** A tenant with {@code webhooks} webhooks, the first {@link #MATCHING} of them wanting job.updated. */
    private String tenant(String run, int webhooks) throws InterruptedException {
        return rig.dispatcher.publish(1, webhooks,
                (t, w) -> w < MATCHING ? rig.sink.endpointUrl(run, w) : rig.sink.endpointUrl("unused", w),
                (t, w) -> w < MATCHING ? "job.updated" : OTHER_TYPES.get(w % OTHER_TYPES.size()), rig.secret).get(0).id();
    }
}
