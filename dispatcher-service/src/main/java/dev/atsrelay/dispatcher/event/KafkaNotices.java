package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.delivery.ActionOutcome;
import dev.atsrelay.dispatcher.delivery.Notices;
import dev.atsrelay.dispatcher.delivery.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes endpoint.disabled (docs/events: catalogue) on the platform topic: config-service flips the endpoint's
 * enabled flag; tenants subscribed to endpoint.disabled are told like any other event.
 */
@Component
class KafkaNotices implements Notices {

    private final KafkaTemplate<String, byte[]> kafka;
    private final TopicProperties topics;
    private final JsonMapper json;
    private final Clock clock;

    KafkaNotices(KafkaTemplate<String, byte[]> kafka, TopicProperties topics, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.topics = topics;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Void> endpointDisabled(String tenantId, String endpointId, String url, String reason, Instant failingSince,
                                       Instant disabledAt, Integer lastStatus) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpointId);
        if (url != null) {
            data.put("url", url);
        }
        data.put("reason", reason);
        data.put("failingSince", failingSince.toString());
        data.put("disabledAt", disabledAt.toString());
        if (lastStatus != null && lastStatus > 0) {
            data.put("lastStatus", lastStatus);
        }
        String id = "evt_disabled_" + endpointId + "_" + disabledAt.toEpochMilli();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/atsrelay/dispatcher-service");
        event.put("type", "endpoint.disabled");
        event.put("time", clock.instant().toString());
        event.put("subject", "endpoint/" + endpointId);
        event.put("datacontenttype", "application/json");
        event.put("tenantid", tenantId);
        event.put("data", data);
        var record = new ProducerRecord<>(topics.platformTopic(), tenantId + ":endpoint/" + endpointId, json.writeValueAsBytes(event));
        record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", "endpoint.disabled".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_tenantid", tenantId.getBytes(StandardCharsets.UTF_8)));
        return Mono.fromFuture(kafka.send(record)).then();
    }

    @Override
    public Mono<Void> publish(List<PlatformEvent> events) {
        return Flux.fromIterable(events).flatMap(e -> {
            var record = new ProducerRecord<>(topics.platformTopic(), e.key(), e.value());
            record.headers().add(new RecordHeader("ce_id", e.id().getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_type", e.type().getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_tenantid", e.tenantId().getBytes(StandardCharsets.UTF_8)));
            if (e.sessionExpiresAt() != null) {
                record.headers().add(new RecordHeader("session-expires-at", e.sessionExpiresAt().toString().getBytes(StandardCharsets.UTF_8)));
            }
            return Mono.fromFuture(kafka.send(record));
        }).then();
    }

    @Override
    public Mono<Void> actionOutcome(ActionOutcome o) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("invocationId", o.invocationId());
        if (o.runId() != null) {
            value.put("runId", o.runId());
        }
        value.put("tenantId", o.tenantId());
        value.put("actionId", o.actionId());
        value.put("eventId", o.eventId());
        value.put("messageId", o.messageId());
        value.put("outcome", o.outcome());
        value.put("attempt", o.attempt());
        if (o.status() != null) {
            value.put("status", o.status());
        }
        if (o.error() != null) {
            value.put("error", o.error());
        }
        if (o.reason() != null) {
            value.put("reason", o.reason());
        }
        value.put("at", o.at().toString());
        return Mono.fromFuture(kafka.send(new ProducerRecord<>(topics.outcomesTopic(), o.invocationId(), json.writeValueAsBytes(value))))
                .then();
    }
}
