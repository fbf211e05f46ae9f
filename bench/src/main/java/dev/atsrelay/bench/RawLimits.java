package dev.atsrelay.bench;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The two limits the dispatcher is measured against, each run in a JVM of its own (as the dispatcher is one) with
 * the services' flags, printing one number:
 * <ul>
 *   <li>{@code kafka <bootstrap> <topic>}: a bare KafkaConsumer (the dispatcher's deserializers and
 *       {@code max.poll.records=500}) reads the whole topic; records/s, the median of 3 passes (the first warms up).</li>
 *   <li>{@code http <url> <requests> <concurrency> <bodyBytes>}: Reactor Netty POSTs a body of that size with
 *       keep-alive and that many requests in flight; requests/s after a warm-up of 20,000 requests.</li>
 * </ul>
 */
public final class RawLimits {

    private RawLimits() {
    }

    public static void main(String[] args) throws Exception {
        double rate = switch (args[0]) {
            case "kafka" -> kafka(args[1], args[2]);
            case "http" -> http(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.printf("rate=%.0f%n", rate);
        System.exit(0);
    }

    static double kafka(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("max.poll.records", "500");
        p.put("enable.auto.commit", "false");
        List<Double> rates = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (int pass = 0; pass < 3; pass++) {
                consumer.seekToBeginning(partitions);
                long records = 0;
                long bytes = 0;
                long started = System.nanoTime();
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        records++;
                        bytes += r.value().length;
                    }
                }
                rates.add(records / ((System.nanoTime() - started) / 1e9));
                if (bytes == 0 && records > 0) {
                    throw new IllegalStateException("empty records");
                }
            }
        }
        return IngestBenchmark.median(rates);
    }

    static double http(String url, int requests, int concurrency, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        java.util.Arrays.fill(body, (byte) 'x');
        HttpClient client = HttpClient.create(ConnectionProvider.create("raw", concurrency)).keepAlive(true)
                .headers(h -> h.set("content-type", "application/json"));
        post(client, url, body, Math.min(20_000, requests), concurrency);
        long started = System.nanoTime();
        post(client, url, body, requests, concurrency);
        return requests / ((System.nanoTime() - started) / 1e9);
    }

    private static void post(HttpClient client, String url, byte[] body, int requests, int concurrency) {
        AtomicLong ok = new AtomicLong();
        Flux.range(0, requests)
                .flatMap(i -> client.post().uri(url).send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                        .responseSingle((response, content) -> content.then(Mono.just(response.status().code()))), concurrency)
                .doOnNext(status -> {
                    if (status / 100 != 2) {
                        throw new IllegalStateException("the sink answered " + status);
                    }
                    ok.incrementAndGet();
                })
                .blockLast();
        if (ok.get() != requests) {
            throw new IllegalStateException(ok.get() + " of " + requests + " answered");
        }
    }
}
