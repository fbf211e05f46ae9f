package dev.atsrelay.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, without a consumer group, so tests can see exactly what was published. */
public final class TopicReader implements AutoCloseable {

    /** One record, with its value as UTF-8 text (null for a tombstone) and its headers as text. */
    public record Record(String key, String value, Map<String, String> headers, int partition, long offset) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Record> seen = new ArrayList<>();

    public TopicReader(String topic) {
        this(KafkaBroker.bootstrapServers(), topic);
    }

    public TopicReader(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = awaitPartitions(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private List<TopicPartition> awaitPartitions(String topic) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("topic " + topic + " does not exist");
            }
        }
    }

    /** Polls until some record matches {@code until} or the timeout passes; returns every record seen so far. */
    public List<Record> readUntil(Predicate<List<Record>> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!until.test(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout + "; records: " + seen);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                Map<String, String> headers = new java.util.TreeMap<>();
                r.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
                seen.add(new Record(r.key(), r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                        headers, r.partition(), r.offset()));
            }
        }
        return List.copyOf(seen);
    }

    /** Reads for {@code quiet} and returns every record seen. */
    public List<Record> readFor(Duration quiet) {
        Instant end = Instant.now().plus(quiet);
        return readUntil(records -> Instant.now().isAfter(end), quiet.plusSeconds(5));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
