package dev.atsrelay.bench;

import dev.atsrelay.testkit.KafkaProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Set;

/**
 * Dispatch throughput, limits, faults, latency, isolation and fan-out of dispatcher-service, in one run on one
 * machine, against an Apache Camel route (Kafka → HTTP POST) on the same topic and sink. Starts a broker process,
 * PostgreSQL, the dispatcher jar, a signature-checking sink on 127.0.0.1 and the helper JVMs, and stops them all.
 * Arguments: {@code [events] [latency-seconds]}. Prints name=value lines; see bench/README.md.
 */
public final class DispatchBenchmark {

    private DispatchBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000, args.length > 1 ? Integer.parseInt(args[1]) : 30);
        } catch (Throwable t) {
            t.printStackTrace();
            // a run that lost events (or got a bad signature) counts for nothing: say so where the figures are read
            new Figures().print("result", "FAILED: " + t.getMessage());
            System.exit(1);
        }
        new Figures().print("result", "complete: every event of every run arrived, every one of our signatures verified");
        System.exit(0);
    }

    private static void run(int events, int seconds) throws Exception {
        Set<String> phases = Set.of(System.getProperty("phases", "throughput,limits,faults,latency,isolation,fanout").split(","));
        Path root = Path.of(System.getProperty("atsrelay.root", "."));
        Figures out = new Figures();
        out.print("java_version", System.getProperty("java.version"));
        out.print("cores", Runtime.getRuntime().availableProcessors());
        out.print("bench_jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Datsrelay.")).toList()));
        out.print("service_jvm_args", JavaProcess.JVM_ARGS + " (dispatcher, Camel route, raw clients)");
        out.print("broker_jvm_args", "-Xmx512m");
        out.print("dispatcher_overrides", DispatcherUnderTest.OVERRIDES.isEmpty() ? "none (shipped defaults)"
                : DispatcherUnderTest.OVERRIDES);
        out.print("load_average_at_start", loadAverage());
        out.print("events", events);
        out.print("warm_up_events", warmUp(events));
        try (var broker = new KafkaProcess().start();
             var sink = new SignatureCheckingSink();
             var dispatcher = new DispatcherUnderTest(broker.bootstrapServers()).start();
             var stream = new EventStream(broker.bootstrapServers(), DispatcherUnderTest.PREFIX + "ats.events.v1", root)) {
            out.print("event_bytes", stream.eventBytes());
            Rig rig = new Rig(root, broker.bootstrapServers(), sink, dispatcher, stream);
            rig.warmUp("w0", warmUp(events));
            var peer = new PeerPhases(rig, events);
            if (phases.contains("throughput")) {
                peer.throughput();
            }
            if (phases.contains("limits")) {
                peer.limits();
            }
            if (phases.contains("faults")) {
                peer.faults();
            }
            var latency = new LatencyPhases(rig, seconds, Math.max(1_000, events / 2));
            if (phases.contains("latency")) {
                latency.latency();
            }
            if (phases.contains("isolation")) {
                latency.isolation();
            }
            if (phases.contains("fanout")) {
                new FanoutPhase(rig, Math.max(100, events / 20)).run();
            }
        }
        out.print("load_average_at_end", loadAverage());
    }

    /** The machine's 1/5/15-minute load averages: other work on a shared machine shows here. */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Events delivered before each measured batch (and once before the phases), not measured: {@code -Dwarmup=N}, by
     * default {@code max(1000, min(20000, events / 5))}.
     */
    static int warmUp(int events) {
        return Integer.getInteger("warmup", Math.max(1_000, Math.min(20_000, events / 5)));
    }
}
