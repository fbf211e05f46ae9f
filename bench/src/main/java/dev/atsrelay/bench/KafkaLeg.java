package dev.atsrelay.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka leg of the latency, measured beside the dispatcher: a bare consumer in the benchmark JVM reads the topic
 * from its current end while the paced producer runs, and records for each event of the given tag the time from its
 * CloudEvent {@code time} to its arrival here. What the dispatcher adds is the rest.
 */
final class KafkaLeg implements AutoCloseable {

    private final List<Long> micros = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    KafkaLeg(String bootstrap, String topic, String tag) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        byte[] marker = ("\"id\":\"evt_" + tag + "_").getBytes(StandardCharsets.UTF_8);
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        Instant now = Instant.now();
                        String value = new String(r.value(), StandardCharsets.UTF_8);
                        if (value.contains(new String(marker, StandardCharsets.UTF_8))) {
                            int start = value.indexOf("\"time\":\"") + 8;
                            Instant time = Instant.parse(value.substring(start, value.indexOf('"', start)));
                            synchronized (micros) {
                                micros.add(Duration.between(time, now).toNanos() / 1000);
                            }
                        }
                    }
                }
            }
        }, "kafka-leg");
        thread.start();
    }

    /** Stops reading; returns the sorted latencies in microseconds. */
    List<Long> stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (micros) {
            List<Long> sorted = new ArrayList<>(micros);
            sorted.sort(null);
            return sorted;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }
}
