package dev.atsrelay.dispatcher.event;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Domain-event records the dispatcher cannot read go, unchanged, to the dispatcher's dead-letter topic with the
 * reason in headers; consumption continues. Nothing is dropped silently.
 */
final class MalformedRecords {

    private static final Logger log = LoggerFactory.getLogger(MalformedRecords.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Clock clock;

    MalformedRecords(KafkaTemplate<String, byte[]> kafka, String topic, Clock clock) {
        this.kafka = kafka;
        this.topic = topic;
        this.clock = clock;
    }

    Mono<Void> deadLetter(ConsumerRecord<String, byte[]> source, String problem) {
        return Mono.defer(() -> {
            log.warn("malformed record {}-{}@{} dead-lettered to {}: {}", source.topic(), source.partition(),
                    source.offset(), topic, problem);
            var record = new ProducerRecord<>(topic, source.key(), source.value());
            source.headers().forEach(h -> record.headers().add(h));
            header(record, "rejection-code", "malformed_event");
            header(record, "rejection-detail", problem);
            header(record, "original-topic", source.topic());
            header(record, "original-partition", Integer.toString(source.partition()));
            header(record, "original-offset", Long.toString(source.offset()));
            header(record, "rejected-at", clock.instant().toString());
            return Mono.fromFuture(kafka.send(record)).then();
        });
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
