package dev.atsrelay.marketplace.kafka;

import dev.atsrelay.marketplace.platform.PlatformEvent;
import dev.atsrelay.marketplace.platform.PlatformEvents;
import dev.atsrelay.marketplace.platform.PublishFailed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the marketplace events to {@code ats.platform.v1} as structured CloudEvents, keyed {@code <tenantId>:<subject>},
 * with the routing headers {@code ce_id}, {@code ce_type}, {@code ce_tenantid} and, for session data,
 * {@code session-expires-at}, at which the dispatcher stops retrying and redacts them (docs/topics.md).
 * Completes when every in-sync replica has the record (acks=all, idempotent producer).
 */
@Component
class KafkaPlatformEvents implements PlatformEvents {

    private static final Logger log = LoggerFactory.getLogger(KafkaPlatformEvents.class);
    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(20);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final String topic;

    KafkaPlatformEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json, TopicProperties topics) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topics.platformTopic();
    }

    /**
     * Creates the producer when the service is ready rather than on a vendor's first result: the idempotent producer's
     * first round trips (metadata, producer id) then do not count against that request. A broker that is not there
     * yet is only logged: the first publish tries again.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Mono.fromRunnable(() -> kafka.partitionsFor(topic))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, e -> log.warn("Kafka producer not ready at start ({}); the first publish will retry", e.toString()));
    }

    @Override
    public Mono<Void> publish(PlatformEvent event) {
        // send() may block for metadata (max.block.ms): never on an event-loop thread
        return Mono.fromCallable(() -> kafka.send(record(event)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture)
                // the producer gives up after max.block.ms + delivery.timeout.ms (15 s); this is the last guard, so a
                // caller always gets its answer (503) well within a usual 30 s client timeout
                .timeout(PUBLISH_DEADLINE)
                .onErrorMap(PublishFailed::new)
                .then();
    }

    private ProducerRecord<String, byte[]> record(PlatformEvent e) {
        Map<String, Object> cloudEvent = new LinkedHashMap<>();
        cloudEvent.put("specversion", "1.0");
        cloudEvent.put("id", e.id());
        cloudEvent.put("source", PlatformEvent.SOURCE);
        cloudEvent.put("type", e.type());
        cloudEvent.put("time", e.time().toString());
        cloudEvent.put("subject", e.subject());
        cloudEvent.put("datacontenttype", "application/json");
        cloudEvent.put("tenantid", e.tenantId());
        cloudEvent.put("data", e.data());
        var record = new ProducerRecord<>(topic, e.key(), json.writeValueAsBytes(cloudEvent));
        header(record, "ce_id", e.id());
        header(record, "ce_type", e.type());
        header(record, "ce_tenantid", e.tenantId());
        header(record, "content-type", "application/cloudevents+json");
        if (e.sessionExpiresAt() != null) {
            header(record, "session-expires-at", e.sessionExpiresAt().toString());
        }
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
