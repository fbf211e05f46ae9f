package dev.atsrelay.bench;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaProcess;
import dev.atsrelay.testkit.Postgres;
import dev.atsrelay.testkit.ServiceProcess;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingest throughput against the raw producer, in one run on one machine: 1 KiB job.updated events of the real
 * schema, posted in batches of 100 to the ingest service (a separate process: validation, idempotency and acks=all
 * on), and the same records sent by a bare KafkaProducer with the same settings. Prints name=value lines.
 */
public final class IngestBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 100;
    private static final int ROUNDS = 3;

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The same codec for the service and the raw producer (-Dcompression=…; the service's default is lz4). */
    private static final String COMPRESSION = System.getProperty("compression", "lz4");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path root = Path.of(System.getProperty("atsrelay.root", "."));
        try (KafkaProcess broker = new KafkaProcess().start()) {
            String prefix = "bench.";
            var config = new ConfigTopicFixture(broker.bootstrapServers(), prefix);
            String tenant = ConfigTopicFixture.newTenantId();
            String key = config.publishKey(tenant, "events:write");
            Postgres.Database db = Postgres.newDatabase("bench_ingest");
            var ingest = new ServiceProcess("event-ingest-service", Map.of(
                    "spring.kafka.bootstrap-servers", broker.bootstrapServers(),
                    "atsrelay.kafka.prefix", prefix,
                    "spring.r2dbc.url", db.r2dbcUrl(), "spring.r2dbc.username", db.username(),
                    "spring.r2dbc.password", db.password(), "spring.flyway.url", db.jdbcUrl(),
                    "spring.flyway.user", db.username(), "spring.flyway.password", db.password(),
                    "spring.kafka.producer.compression-type", COMPRESSION,
                    "logging.level.root", "warn"), Map.of()).start();
            try (ingest) {
                ingest.awaitHealthy(Duration.ofSeconds(120));
                ObjectNode template = (ObjectNode) JSON.readTree(Files.readString(root.resolve("docs/events/examples/job.updated.json")));
                template.put("tenantid", tenant);
                List<byte[]> batches = batches(template, "warm", 20_000);
                post(ingest, key, batches, concurrency);                 // warm-up: JIT, connections, partitions
                rawProduce(broker.bootstrapServers(), prefix, records(batches, tenant));

                // alternate rounds and take medians: on a shared machine either rate drifts from minute to minute
                List<Double> raws = new ArrayList<>();
                List<Double> ingests = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    batches = batches(template, "run" + round, events / ROUNDS);
                    raws.add(rawProduce(broker.bootstrapServers(), prefix, records(batches, tenant)));
                    ingests.add(post(ingest, key, batches, concurrency));
                }
                double raw = median(raws);
                double ingested = median(ingests);
                int eventBytes = JSON.readTree(batches.get(0)).get(0).toString().getBytes(StandardCharsets.UTF_8).length;
                System.out.println("events=" + events);
                System.out.println("batch_size=" + BATCH);
                System.out.println("http_concurrency=" + concurrency);
                System.out.println("event_bytes=" + eventBytes);
                System.out.println("compression=" + COMPRESSION);
                System.out.println("rounds=" + ROUNDS);
                System.out.printf("raw_producer_records_per_second=%.0f%n", raw);
                System.out.printf("ingest_events_per_second=%.0f%n", ingested);
                System.out.printf("ingest_fraction_of_raw_producer=%.2f%n", ingested / raw);
                stageTimes(ingest).forEach((stage, ms) -> System.out.printf("ingest_%s_mean_ms=%.2f%n", stage, ms));
            }
        }
        System.exit(0);
    }

    /** Mean time per request in each stage of ingestion, from the service's own metrics. */
    static Map<String, Double> stageTimes(ServiceProcess ingest) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(ingest.url("/actuator/prometheus"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> sums = new java.util.TreeMap<>();
        Map<String, Double> counts = new java.util.TreeMap<>();
        var m = java.util.regex.Pattern.compile("atsrelay_ingest_stage_duration_seconds_(sum|count)\\{[^}]*stage=\"(\\w+)\"[^}]*} (\\S+)").matcher(metrics);
        while (m.find()) {
            (m.group(1).equals("sum") ? sums : counts).put(m.group(2), Double.parseDouble(m.group(3)));
        }
        Map<String, Double> means = new java.util.TreeMap<>();
        sums.forEach((stage, sum) -> means.put(stage, 1000 * sum / Math.max(1, counts.getOrDefault(stage, 1.0))));
        return means;
    }

    /** Batches of 100 distinct ~1 KiB job.updated events, spread over 1,000 jobs. */
    static List<byte[]> batches(ObjectNode template, String run, int events) {
        java.util.Random random = new java.util.Random(run.hashCode());
        List<byte[]> batches = new ArrayList<>();
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < events; i++) {
            ObjectNode event = template.deepCopy();
            event.put("id", "evt_" + run + "_" + i);
            event.put("subject", "job/J-" + (i % 1000));
            ObjectNode data = (ObjectNode) event.get("data");
            data.put("jobId", "J-" + (i % 1000));
            ArrayNode changes = (ArrayNode) data.get("changes");
            changes.addObject().put("field", "description").put("from", text(random, 300)).put("to", text(random, 300));
            batch.add(event);
            if (batch.size() == BATCH) {
                batches.add(JSON.writeValueAsBytes(batch));
                batch = JSON.createArrayNode();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(JSON.writeValueAsBytes(batch));
        }
        return batches;
    }

    private static final String[] WORDS = ("payroll officer senior team reports to finance director manages monthly "
            + "close reconciliations ledger audit compliance hybrid office prague brno salary bonus benefits pension "
            + "candidate interview stage offer contract permanent full time remote english czech excel sap").split(" ");

    /** Job-description-like text: words, so it compresses about as well as real postings do. */
    static String text(java.util.Random random, int length) {
        StringBuilder b = new StringBuilder(length + 16);
        while (b.length() < length) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? ". " : " ");
        }
        return b.substring(0, length);
    }

    private static final java.util.regex.Pattern ACCEPTED =
            java.util.regex.Pattern.compile("\\{\"accepted\":(\\d+),\"rejected\":0,\"failed\":0,");

    /** Posts every batch with {@code concurrency} requests in flight; events accepted per second. */
    static double post(ServiceProcess ingest, String key, List<byte[]> batches, int concurrency) {
        HttpClient http = HttpClient.create(ConnectionProvider.create("bench", concurrency))
                .baseUrl(ingest.url("")).headers(h -> h.set("authorization", "Bearer " + key)
                        .set("content-type", "application/json"))
                .responseTimeout(Duration.ofSeconds(60));
        AtomicLong accepted = new AtomicLong();
        long started = System.nanoTime();
        Flux.fromIterable(batches)
                .flatMap(body -> http.post().uri("/v1/events/batch").send(Mono.just(Unpooled.wrappedBuffer(body)))
                        .responseSingle((response, content) -> content.asString().map(text -> {
                            // read the counts without parsing the whole answer: the client must not compete for CPU
                            var counts = ACCEPTED.matcher(text);
                            if (response.status().code() != 200 || !counts.lookingAt()) {
                                throw new IllegalStateException("batch answered " + response.status() + ": " + text);
                            }
                            return Long.parseLong(counts.group(1));
                        })), concurrency)
                .doOnNext(accepted::addAndGet)
                .blockLast();
        double seconds = (System.nanoTime() - started) / 1e9;
        long expected = batches.stream().mapToLong(b -> JSON.readTree(b).size()).sum();
        if (accepted.get() != expected) {
            throw new IllegalStateException("only " + accepted.get() + " of " + expected + " events were accepted");
        }
        return accepted.get() / seconds;
    }

    /** The records ingest would publish for these batches: same key rule, value size and headers. */
    static List<ProducerRecord<String, byte[]>> records(List<byte[]> batches, String tenant) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (byte[] b : batches) {
            JSON.readTree(b).forEach(event -> {
                var r = new ProducerRecord<>("raw", tenant + ":job:" + event.get("data").get("jobId").asString(),
                        JSON.writeValueAsBytes(event));
                r.headers().add(new RecordHeader("ce_id", event.get("id").asString().getBytes(StandardCharsets.UTF_8)));
                r.headers().add(new RecordHeader("ce_type", "job.updated".getBytes(StandardCharsets.UTF_8)));
                r.headers().add(new RecordHeader("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8)));
                records.add(r);
            });
        }
        return records;
    }

    /** Sends the records with the ingest service's producer settings; records acknowledged per second. */
    static double rawProduce(String bootstrap, String prefix, List<ProducerRecord<String, byte[]>> records) throws Exception {
        String topic = prefix + "raw.v1";
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
            }
            // a fresh topic's partitions need leaders before an idempotent producer writes to them
            while (admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .anyMatch(partition -> partition.leader() == null)) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
        }
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", COMPRESSION);
        p.put("linger.ms", "2");
        p.put("batch.size", "131072");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            CountDownLatch acked = new CountDownLatch(records.size());
            var failure = new java.util.concurrent.atomic.AtomicReference<Exception>();
            long started = System.nanoTime();
            for (var r : records) {
                producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                    acked.countDown();
                });
            }
            acked.await();
            double perSecond = records.size() / ((System.nanoTime() - started) / 1e9);
            if (failure.get() != null) {
                throw new IllegalStateException("the raw producer failed", failure.get());
            }
            return perSecond;
        }
    }
}
