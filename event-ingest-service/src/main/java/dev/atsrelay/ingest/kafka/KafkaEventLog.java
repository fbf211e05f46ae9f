package dev.atsrelay.ingest.kafka;

import dev.atsrelay.ingest.ingestion.EventLog;
import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The canonical topic as the event log: structured CloudEvents JSON as the value, the catalogue's key, and
 * {@code ce_id}, {@code ce_type}, {@code ce_tenantid} headers so consumers route without parsing. An append completes
 * when every in-sync replica has the record ({@code acks=all}, idempotent producer).
 */
@Component
class KafkaEventLog implements EventLog {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Timer produceLatency;

    KafkaEventLog(KafkaTemplate<String, byte[]> kafka, TopicProperties topics, MeterRegistry meters) {
        this.kafka = kafka;
        this.topic = topics.eventsTopic();
        this.produceLatency = Timer.builder("atsrelay.ingest.produce.latency")
                .description("From handing an event to the producer until Kafka acknowledged it (acks=all)")
                .publishPercentileHistogram().register(meters);
    }

    @Override
    public Mono<List<Boolean>> append(List<Accepted> events) {
        if (events.isEmpty()) {
            return Mono.just(List.of());
        }
        // send() may block while the producer waits for metadata or buffer space: never on an event-loop thread
        return Mono.fromCallable(() -> events.stream().map(this::send).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                                .handle((ok, error) -> futures))
                        .map(done -> done.stream().map(f -> !f.isCompletedExceptionally()).toList()));
    }

    private CompletableFuture<?> send(Accepted event) {
        long started = System.nanoTime();
        try {
            return kafka.send(record(event)).whenComplete((ok, error) -> {
                if (error == null) {
                    produceLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            });
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms: the broker is unreachable
            return CompletableFuture.failedFuture(e);
        }
    }

    private ProducerRecord<String, byte[]> record(Accepted event) {
        var record = new ProducerRecord<>(topic, event.key(), event.canonical());
        record.headers().add(new RecordHeader("ce_id", event.id().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", event.type().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_tenantid", event.tenant().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
