package dev.atsrelay.ingest.kafka;

import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes accepted events to the canonical topic and completes only when every in-sync replica has them
 * ({@code acks=all}, idempotent producer). Structured CloudEvents JSON as the value; {@code ce_id}, {@code ce_type}
 * and {@code ce_tenantid} headers let consumers route without parsing.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, TopicProperties topics) {
        this.kafka = kafka;
        this.topic = topics.eventsTopic();
    }

    /** Completes when Kafka acknowledged the event; errors with {@link BrokerUnavailable} otherwise. */
    public Mono<Void> publish(Accepted event) {
        // send() may block while the producer waits for metadata, so it never runs on an event-loop thread
        return Mono.fromCallable(() -> kafka.send(record(event)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture)
                .onErrorMap(e -> !(e instanceof BrokerUnavailable), BrokerUnavailable::new)
                .then();
    }

    /** Publishes several events at once; one result per event, in order (true = acknowledged). */
    public Mono<List<Boolean>> publishAll(List<Accepted> events) {
        return Mono.fromCallable(() -> events.stream().map(e -> kafka.send(record(e))).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> reactor.core.publisher.Flux.fromIterable(futures)
                        .concatMap(f -> Mono.fromFuture(f).thenReturn(true).onErrorReturn(false))
                        .collectList());
    }

    private ProducerRecord<String, byte[]> record(Accepted event) {
        var record = new ProducerRecord<>(topic, event.key(), event.canonical());
        record.headers().add(new RecordHeader("ce_id", event.id().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", event.type().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_tenantid", event.tenant().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("content-type",
                "application/cloudevents+json".getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
