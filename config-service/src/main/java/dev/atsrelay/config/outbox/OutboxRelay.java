package dev.atsrelay.config.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.codec.Json;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes outbox rows in id order, each to its row's topic with its row's headers, then deletes them, in one database transaction guarded by an advisory lock so
 * that one relay runs at a time across instances (order per key is kept). At-least-once: a crash after the send and
 * before the commit publishes the same full-state records again, which consumers tolerate.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x61747372L; // "atsr"
    private static final int BATCH = 500;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TopicProperties topics;
    private final Clock clock;
    private final JsonMapper json;
    private final Timer relayLag;
    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka,
                TopicProperties topics, Clock clock, JsonMapper json, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.topics = topics;
        this.clock = clock;
        this.json = json;
        this.relayLag = Timer.builder("atsrelay.outbox.relay.lag")
                .description("Time from an outbox row's insertion (a configuration change, an action run) to its publication on Kafka")
                .publishPercentileHistogram().register(meters);
        io.micrometer.core.instrument.Gauge.builder("atsrelay.outbox.oldest.pending.seconds", oldestPendingSeconds, Number::doubleValue)
                .description("Age of the oldest outbox row not yet published (as this instance's relay last saw it)")
                .register(meters);
    }

    private record Row(long id, String topic, String key, byte[] payload, Map<String, String> headers, Instant createdAt) {
    }

    @Scheduled(fixedDelayString = "${atsrelay.outbox.poll-interval:50ms}")
    void relay() {
        try {
            int published;
            do {
                published = relayBatch().blockOptional(Duration.ofSeconds(30)).orElse(0);
            } while (published == BATCH);
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, will retry: {}", e.toString());
        }
    }

    private Mono<Integer> relayBatch() {
        return tx.transactional(db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked").bind("lock", RELAY_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .flatMap(locked -> locked ? publishPending() : Mono.just(0)));
    }

    private Mono<Integer> publishPending() {
        return db.sql("SELECT id, topic, record_key, payload, headers, created_at FROM outbox ORDER BY id LIMIT " + BATCH)
                .map(row -> new Row(row.get("id", Long.class), row.get("topic", String.class),
                        row.get("record_key", String.class), row.get("payload", byte[].class),
                        headers(row.get("headers", Json.class)), row.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList()
                .flatMap(rows -> {
                    oldestPendingSeconds.set(rows.isEmpty() ? 0
                            : Duration.between(rows.get(0).createdAt(), clock.instant()).toSeconds());
                    if (rows.isEmpty()) {
                        return Mono.just(0);
                    }
                    return Mono.fromCallable(() -> send(rows))
                            .then(db.sql("DELETE FROM outbox WHERE id = ANY(:ids)")
                                    .bind("ids", rows.stream().map(Row::id).toArray(Long[]::new)).then())
                            .thenReturn(rows.size());
                });
    }

    private Void send(List<Row> rows) throws Exception {
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            var record = new ProducerRecord<>(topicName(row.topic()), row.key(), row.payload());
            row.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            // when the change was written: readers measure how long it took to reach them
            record.headers().add("changed-at", Long.toString(row.createdAt().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
            acks.add(kafka.send(record));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        Instant now = clock.instant();
        rows.forEach(r -> relayLag.record(Duration.between(r.createdAt(), now)));
        return null;
    }

    private String topicName(String logical) {
        return switch (OutboxTopic.valueOf(logical)) {
            case CONFIG -> topics.configTopic();
            case PLATFORM -> topics.platformTopic();
        };
    }

    private Map<String, String> headers(Json stored) {
        return stored == null ? Map.of() : json.readValue(stored.asString(), new TypeReference<Map<String, String>>() {
        });
    }
}
