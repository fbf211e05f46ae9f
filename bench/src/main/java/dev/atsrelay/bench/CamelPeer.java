package dev.atsrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The peer: the Camel route of {@code bench/camel} ({@code dev.atsrelay.bench.camel.KafkaToHttp}, Camel 4.22.0 with its
 * own kafka-clients and HttpClient 5, resolved by bench/camel/pom.xml into {@code bench/camel/target/classpath.txt}) as
 * its own JVM. Each run uses a fresh consumer group whose offsets are set first to where the run's records start,
 * so that it reads exactly the batches produced for it — the same records our dispatcher delivered.
 */
final class CamelPeer {

    static final int CONSUMERS = 12;

    private final Path root;
    private final String bootstrap;
    private final String topic;

    CamelPeer(Path root, String bootstrap, String topic) {
        this.root = root;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /**
     * Runs the route from {@code from} until {@code progress} of the measured run reaches {@code expected}, then stops
     * it. Returns the cores the route's JVM used while the measured run was being delivered.
     */
    double run(String group, Map<TopicPartition, Long> from, String url, SinkRun measured, int expected,
               java.util.function.ToIntFunction<SinkRun> progress) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.alterConsumerGroupOffsets(group, from.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get();
        }
        String classpath = root.resolve("bench/camel/target/classes") + ":"
                + Files.readString(root.resolve("bench/camel/target/classpath.txt")).trim();
        try (var camel = new JavaProcess("camel-" + group, classpath, "dev.atsrelay.bench.camel.KafkaToHttp",
                List.of(bootstrap, topic, group, url, Integer.toString(CONSUMERS)))) {
            Instant deadline = Instant.now().plusSeconds(120 + expected / 500);
            java.time.Duration cpuAtStart = null;
            long startedAt = 0;
            while (progress.applyAsInt(measured) < expected) {
                if (!camel.alive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Camel route delivered " + progress.applyAsInt(measured) + " of "
                            + expected + "; see " + camel.log());
                }
                if (cpuAtStart == null && measured.requests.get() > 0) {
                    cpuAtStart = camel.cpu();
                    startedAt = System.nanoTime();
                }
                Thread.sleep(5);
            }
            return cpuAtStart == null ? Double.NaN
                    : camel.cpu().minus(cpuAtStart).toNanos() / (double) (System.nanoTime() - startedAt);
        }
    }
}
