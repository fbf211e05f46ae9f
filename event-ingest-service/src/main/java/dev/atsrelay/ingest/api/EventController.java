package dev.atsrelay.ingest.api;

import dev.atsrelay.ingest.credential.KeyIndex;
import dev.atsrelay.ingest.ingestion.Ingestion;
import dev.atsrelay.ingest.ingestion.Ingestion.Item;
import dev.atsrelay.ingest.ingestion.Ingestion.Result;
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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP door for ATS core services: one event, or a batch with a result per event. An event is answered
 * {@code accepted} only after Kafka acknowledged it; a repeat of an accepted id (or Idempotency-Key) within the
 * window gets the original answer and is not stored again.
 */
@RestController
class EventController {

    private static final String REPLAYED = "Idempotent-Replayed";

    private final KeyIndex keys;
    private final EventValidator validator;
    private final Ingestion ingestion;
    private final IngestProperties properties;

    EventController(KeyIndex keys, EventValidator validator, Ingestion ingestion, IngestProperties properties) {
        this.keys = keys;
        this.validator = validator;
        this.ingestion = ingestion;
        this.properties = properties;
    }

    record AcceptedEvent(String id, String type, String status) {
    }

    /** One result of a batch: accepted (with the id), rejected (with the problem) or failed (retry it later). */
    record ItemResult(int index, String id, String status, Boolean replayed, ItemProblem problem) {
    }

    record ItemProblem(String code, String detail, List<Rejection.FieldError> errors) {
    }

    record BatchResult(int accepted, int rejected, int failed, List<ItemResult> results) {
    }

    @PostMapping(path = "/v1/events", consumes = {"application/json", "application/cloudevents+json"})
    Mono<ResponseEntity<AcceptedEvent>> post(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) byte[] body) {
        String tenant = keys.tenantAllowedToWrite(authorization);
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,255}")) {
            throw new InvalidIdempotencyKey();
        }
        var outcome = validator.validate(body == null ? new byte[0] : body, tenant);
        if (outcome instanceof Rejected rejected) {
            ingestion.rejected(rejected.rejection(), "http");
            throw new EventRejected(rejected.rejection());
        }
        Accepted event = (Accepted) outcome;
        // the header's keys live apart from event ids, so that neither can collide with the other
        String key = idempotencyKey != null ? "header:" + idempotencyKey : event.id();
        return ingest(List.of(new Item(event, key))).map(results -> {
            Result r = results.get(0);
            return switch (r.status()) {
                case ACCEPTED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new AcceptedEvent(r.eventId(), r.type(), "accepted"));
                case REPLAYED -> ResponseEntity.status(HttpStatus.ACCEPTED).header(REPLAYED, "true")
                        .body(new AcceptedEvent(r.eventId(), r.type(), "accepted"));
                case IN_PROGRESS -> throw new IdempotencyInProgress();
                case KEY_REUSED -> throw new IdempotencyKeyReused(r.eventId());
                case FAILED -> throw new BrokerUnavailable();
            };
        });
    }

    @PostMapping(path = "/v1/events/batch", consumes = {"application/json", "application/cloudevents-batch+json"})
    Mono<ResponseEntity<BatchResult>> postBatch(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        String tenant = keys.tenantAllowedToWrite(authorization);
        JsonNode batch;
        try {
            batch = validator.parse(body == null ? new byte[0] : body);
        } catch (MalformedJson e) {
            throw new EventRejected(new Rejection(RejectionCode.MALFORMED_JSON, "the batch is not valid JSON: " + e.getMessage(), List.of()));
        }
        if (!batch.isArray()) {
            throw new EventRejected(new Rejection(RejectionCode.NOT_AN_ARRAY, "a batch must be a JSON array of events", List.of()));
        }
        if (batch.size() > properties.maxBatchEvents()) {
            throw new BatchTooLarge(batch.size(), properties.maxBatchEvents());
        }
        ItemResult[] results = new ItemResult[batch.size()];
        List<Item> items = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            var outcome = validator.validate(batch.get(i), tenant);
            if (outcome instanceof Accepted a) {
                items.add(new Item(a, a.id()));
                indexes.add(i);
            } else {
                Rejection r = ((Rejected) outcome).rejection();
                ingestion.rejected(r, "http");
                results[i] = new ItemResult(i, batch.get(i).path("id").asString(null), "rejected", null,
                        new ItemProblem(r.code().code(), r.detail(), r.errors()));
            }
        }
        return ingest(items).map(ingested -> {
            int accepted = 0;
            int failed = 0;
            for (int j = 0; j < items.size(); j++) {
                int i = indexes.get(j);
                Result r = ingested.get(j);
                results[i] = switch (r.status()) {
                    case ACCEPTED -> new ItemResult(i, r.eventId(), "accepted", null, null);
                    case REPLAYED -> new ItemResult(i, r.eventId(), "accepted", true, null);
                    case IN_PROGRESS -> new ItemResult(i, r.eventId(), "failed", null, new ItemProblem(
                            "idempotency_in_progress", "an event with this id is being stored by another request; retry it", List.of()));
                    case KEY_REUSED -> new ItemResult(i, items.get(j).event().id(), "rejected", null, new ItemProblem(
                            "idempotency_key_reused", "this event id was accepted within the idempotency window for another event", List.of()));
                    case FAILED -> new ItemResult(i, r.eventId(), "failed", null, new ItemProblem(
                            "broker_unavailable", "Kafka did not acknowledge the event; nothing was stored; retry it", List.of()));
                };
                accepted += results[i].status().equals("accepted") ? 1 : 0;
                failed += results[i].status().equals("failed") ? 1 : 0;
            }
            var answer = new BatchResult(accepted, batch.size() - accepted - failed, failed, List.of(results));
            // nothing could be stored because Kafka is unreachable: tell the caller to back off as a whole
            boolean unavailable = accepted == 0 && ingested.stream().anyMatch(r -> r.status() == Ingestion.Status.FAILED);
            return unavailable ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(answer)
                    : ResponseEntity.ok(answer);
        });
    }

    private Mono<List<Result>> ingest(List<Item> items) {
        return ingestion.ingest(items).onErrorMap(StoreUnavailable::new);
    }
}
