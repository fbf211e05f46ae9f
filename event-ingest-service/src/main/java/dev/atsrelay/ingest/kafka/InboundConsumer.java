package dev.atsrelay.ingest.kafka;

import dev.atsrelay.ingest.ingestion.Ingestion;
import dev.atsrelay.ingest.ingestion.Ingestion.Item;
import dev.atsrelay.ingest.ingestion.Ingestion.Result;
import dev.atsrelay.ingest.validation.EventValidator;
import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import dev.atsrelay.ingest.validation.EventValidator.Rejected;
import dev.atsrelay.ingest.validation.Rejection;
import dev.atsrelay.ingest.validation.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The Kafka-native door: ATS core services publish raw events to the inbound topic; each is validated by the same
 * rules as over HTTP and either stored on the canonical topic (idempotent on its id) or sent to the invalid-events
 * topic with the reason in headers. Offsets are committed only after both have Kafka's acknowledgement; a batch that
 * cannot be stored is retried, never skipped, and a poison record is only ever a reject.
 */
@Component
class InboundConsumer {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EventValidator validator;
    private final Ingestion ingestion;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TopicProperties topics;
    private final Clock clock;

    InboundConsumer(EventValidator validator, Ingestion ingestion, KafkaTemplate<String, byte[]> kafka,
                    TopicProperties topics, Clock clock) {
        this.validator = validator;
        this.ingestion = ingestion;
        this.kafka = kafka;
        this.topics = topics;
        this.clock = clock;
    }

    @KafkaListener(id = "inbound-events", topics = "${atsrelay.kafka.prefix}${atsrelay.kafka.inbound.name}",
            groupId = "${atsrelay.kafka.prefix}ingest-inbound",
            containerFactory = "inboundContainerFactory", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<Item> items = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>();
        List<CompletableFuture<?>> rejects = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            var outcome = validator.validate(r.value() == null ? new byte[0] : r.value(), null);
            if (outcome instanceof Accepted a) {
                items.add(new Item(a, a.id()));
                sources.add(r);
            } else {
                Rejection rejection = ((Rejected) outcome).rejection();
                ingestion.rejected(rejection, "kafka");
                rejects.add(kafka.send(invalid(r, rejection)));
            }
        }
        List<Result> results = ingestion.ingest(items).block(TIMEOUT);
        for (int i = 0; i < items.size(); i++) {
            switch (results.get(i).status()) {
                case ACCEPTED, REPLAYED -> { }
                case KEY_REUSED -> rejects.add(kafka.send(invalid(sources.get(i), new Rejection(RejectionCode.IDEMPOTENCY_KEY_REUSED,
                        "this event id was accepted within the idempotency window for another event", List.of()))));
                // not stored: fail the batch; it is redelivered and what was stored meanwhile becomes a replay
                case IN_PROGRESS, FAILED -> throw new IllegalStateException("event " + results.get(i).eventId()
                        + " could not be stored (" + results.get(i).status() + "); retrying the batch");
            }
        }
        CompletableFuture.allOf(rejects.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private ProducerRecord<String, byte[]> invalid(ConsumerRecord<String, byte[]> source, Rejection rejection) {
        var record = new ProducerRecord<>(topics.invalidTopic(), source.key(), source.value());
        source.headers().forEach(h -> record.headers().add(h));
        header(record, "rejection-code", rejection.code().code());
        header(record, "rejection-detail", rejection.detail());
        header(record, "rejection-pointers", rejection.errors().stream().map(Rejection.FieldError::pointer).collect(Collectors.joining(",")));
        header(record, "original-topic", source.topic());
        header(record, "original-partition", Integer.toString(source.partition()));
        header(record, "original-offset", Long.toString(source.offset()));
        header(record, "rejected-at", clock.instant().toString());
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
