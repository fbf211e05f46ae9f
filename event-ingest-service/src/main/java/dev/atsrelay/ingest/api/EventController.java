package dev.atsrelay.ingest.api;

import dev.atsrelay.ingest.credential.KeyIndex;
import dev.atsrelay.ingest.kafka.EventPublisher;
import dev.atsrelay.ingest.validation.EventValidator;
import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import dev.atsrelay.ingest.validation.EventValidator.MalformedJson;
import dev.atsrelay.ingest.validation.EventValidator.Rejected;
import dev.atsrelay.ingest.validation.IngestProperties;
import dev.atsrelay.ingest.validation.Rejection;
import dev.atsrelay.ingest.validation.RejectionCode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP door for ATS core services: one event, or a batch with a result per event. An event is answered
 * {@code accepted} only after Kafka acknowledged it.
 */
@RestController
class EventController {

    private final KeyIndex keys;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final IngestProperties properties;

    EventController(KeyIndex keys, EventValidator validator, EventPublisher publisher, IngestProperties properties) {
        this.keys = keys;
        this.validator = validator;
        this.publisher = publisher;
        this.properties = properties;
    }

    record AcceptedEvent(String id, String type, String status) {
    }

    /** One result of a batch: accepted (with the id), rejected (with the problem) or failed (retry later). */
    record ItemResult(int index, String id, String status, ItemProblem problem) {
    }

    record ItemProblem(String code, String detail, List<Rejection.FieldError> errors) {
    }

    record BatchResult(int accepted, int rejected, int failed, List<ItemResult> results) {
    }

    @PostMapping(path = "/v1/events", consumes = {"application/json", "application/cloudevents+json"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<AcceptedEvent> post(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                             @RequestBody(required = false) byte[] body) {
        String tenant = keys.tenantAllowedToWrite(authorization);
        var outcome = validator.validate(body == null ? new byte[0] : body, tenant);
        if (outcome instanceof Rejected rejected) {
            return Mono.error(new EventRejected(rejected.rejection()));
        }
        Accepted event = (Accepted) outcome;
        return publisher.publish(event).thenReturn(new AcceptedEvent(event.id(), event.type(), "accepted"));
    }

    @PostMapping(path = "/v1/events/batch", consumes = {"application/json", "application/cloudevents-batch+json"})
    Mono<BatchResult> postBatch(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @RequestBody(required = false) byte[] body) {
        String tenant = keys.tenantAllowedToWrite(authorization);
        JsonNode batch;
        try {
            batch = validator.parse(body == null ? new byte[0] : body);
        } catch (MalformedJson e) {
            throw new EventRejected(new Rejection(RejectionCode.MALFORMED_JSON, "the batch is not valid JSON: " + e.getMessage(), List.of()));
        }
        if (!batch.isArray()) {
            throw new EventRejected(new Rejection(RejectionCode.NOT_AN_OBJECT, "a batch must be a JSON array of events", List.of()));
        }
        if (batch.size() > properties.maxBatchEvents()) {
            throw new BatchTooLarge(batch.size(), properties.maxBatchEvents());
        }
        List<ItemResult> results = new ArrayList<>(batch.size());
        List<Accepted> accepted = new ArrayList<>();
        List<Integer> acceptedIndexes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            var outcome = validator.validate(batch.get(i), tenant);
            if (outcome instanceof Accepted a) {
                accepted.add(a);
                acceptedIndexes.add(i);
                results.add(null);
            } else {
                Rejection r = ((Rejected) outcome).rejection();
                results.add(new ItemResult(i, batch.get(i).path("id").asString(null), "rejected",
                        new ItemProblem(r.code().code(), r.detail(), r.errors())));
            }
        }
        return publisher.publishAll(accepted).map(acks -> {
            int ok = 0;
            for (int j = 0; j < accepted.size(); j++) {
                boolean acked = acks.get(j);
                ok += acked ? 1 : 0;
                results.set(acceptedIndexes.get(j), new ItemResult(acceptedIndexes.get(j), accepted.get(j).id(),
                        acked ? "accepted" : "failed", acked ? null : new ItemProblem("broker_unavailable",
                        "Kafka did not acknowledge the event; retry it", List.of())));
            }
            int rejected = batch.size() - accepted.size();
            return new BatchResult(ok, rejected, accepted.size() - ok, results);
        });
    }
}
