package dev.atsrelay.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The domain events of the benchmark, written to {@code <prefix>ats.events.v1} as event-ingest-service writes them
 * (key {@code <tenant>:job:<jobId>}, headers {@code ce_id}, {@code ce_type}, {@code ce_tenantid}; lz4, acks=all):
 * {@code job.updated} events built from the real example, padded with a job-description change to about
 * {@link #EVENT_BYTES}, id {@code evt_<tag>_<n>}, spread over 1,000 jobs. Sent either as fast as the producer goes or
 * paced, with the CloudEvent {@code time} set at the moment of sending.
 */
final class EventStream implements AutoCloseable {

    static final int EVENT_BYTES = 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrap;
    private final String topic;
    private final String template;
    private final KafkaProducer<String, byte[]> bulk;
    private final KafkaProducer<String, byte[]> paced;

    EventStream(String bootstrap, String topic, Path root) throws Exception {
        this.bootstrap = bootstrap;
        this.topic = topic;
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(root.resolve("docs/events/examples/job.updated.json")));
        event.put("id", "@ID@").put("tenantid", "@TENANT@").put("time", "@TIME@").put("subject", "job/@JOB@");
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("jobId", "@JOB@");
        ObjectNode description = data.withArray("changes").addObject().put("field", "description").put("from", "").put("to", "");
        int base = bytes(fill(JSON.writeValueAsString(event), "tn_" + "0".repeat(26), "evt_c_99999", 999, Instant.now()));
        int room = EVENT_BYTES - base;
        java.util.Random random = new java.util.Random(42);
        description.put("from", IngestBenchmark.text(random, room / 2)).put("to", IngestBenchmark.text(random, room - room / 2));
        this.template = JSON.writeValueAsString(event);
        this.bulk = producer(Map.of("linger.ms", "5", "batch.size", "131072"));
        // event-ingest-service's own producer settings
        this.paced = producer(Map.of("linger.ms", "2", "batch.size", "131072"));
    }

    /** Size of one event as sent, in bytes. */
    int eventBytes() {
        return bytes(fill(template, "tn_" + "0".repeat(26), "evt_c_99999", 999, Instant.now()));
    }

    /** Sends {@code count} events {@code evt_<tag>_<n>} as fast as the producer goes and waits for every ack. */
    void produce(String tag, int count, IntFunction<String> tenantOf) throws InterruptedException {
        send(bulk, tag, count, 0, tenantOf);
    }

    /** Sends {@code perSecond} events a second for {@code seconds}, each with {@code time} = now; returns the count. */
    int producePaced(String tag, int perSecond, int seconds, IntFunction<String> tenantOf) throws InterruptedException {
        int count = perSecond * seconds;
        send(paced, tag, count, 1_000_000_000L / perSecond, tenantOf);
        return count;
    }

    /** The end offset of every partition of the topic: where a batch produced next starts. */
    Map<TopicPartition, Long> endOffsets() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(tp -> new TopicPartition(topic, tp.partition()), tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private ProducerRecord<String, byte[]> record(String tenant, String id, int job, Instant time) {
        var r = new ProducerRecord<>(topic, tenant + ":job:J-" + job,
                fill(template, tenant, id, job, time).getBytes(StandardCharsets.UTF_8));
        r.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", "job.updated".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** Sends event n at start + n × {@code intervalNanos} (0: at once), its {@code time} the moment it is built. */
    private void send(KafkaProducer<String, byte[]> producer, String tag, int count, long intervalNanos,
                      IntFunction<String> tenantOf) throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(count);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            producer.send(record(tenantOf.apply(i), "evt_" + tag + "_" + i, i % 1000, Instant.now()), (m, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                acked.countDown();
            });
        }
        acked.await();
        if (failure.get() != null) {
            throw new IllegalStateException("the producer failed", failure.get());
        }
    }

    private static String fill(String template, String tenant, String id, int job, Instant time) {
        return template.replace("@ID@", id).replace("@TENANT@", tenant).replace("@JOB@", "J-" + job)
                .replace("@TIME@", time.toString());
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private KafkaProducer<String, byte[]> producer(Map<String, String> extra) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", "lz4");
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        bulk.close();
        paced.close();
    }
}
