package dev.atsrelay.ingest.ingestion;

import dev.atsrelay.ingest.idempotency.IdempotencyStore;
import dev.atsrelay.ingest.idempotency.IdempotencyStore.Candidate;
import dev.atsrelay.ingest.idempotency.IdempotencyStore.Claim;
import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import dev.atsrelay.ingest.validation.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Accepts validated events exactly once per idempotency key: claim the keys, append the newly claimed events to the
 * event log, confirm what Kafka acknowledged and release what it did not. HTTP and the Kafka-native path share it.
 */
@Component
public class Ingestion {

    /** An event to ingest, with its idempotency key (the event id, or the caller's Idempotency-Key). */
    public record Item(Accepted event, String idempotencyKey) {
    }

    public enum Status {
        /** Stored on Kafka now. */
        ACCEPTED,
        /** Stored before, within the idempotency window: not stored again. */
        REPLAYED,
        /** Another request is storing the same key right now. */
        IN_PROGRESS,
        /** The key was used for a different event within the window. */
        KEY_REUSED,
        /** Kafka did not acknowledge: nothing was stored; retry. */
        FAILED
    }

    public record Result(Status status, String eventId, String type) {
    }

    private final IdempotencyStore idempotency;
    private final EventLog log;
    private final MeterRegistry meters;
    private final Counter replays;
    private final Map<String, Counter> accepted = new java.util.concurrent.ConcurrentHashMap<>();
    private final Timer claimTime;
    private final Timer appendTime;
    private final Timer confirmTime;

    Ingestion(IdempotencyStore idempotency, EventLog log, MeterRegistry meters) {
        this.idempotency = idempotency;
        this.log = log;
        this.meters = meters;
        this.replays = Counter.builder("atsrelay.ingest.idempotent.replays")
                .description("Events not stored again because their id or Idempotency-Key was accepted before").register(meters);
        this.claimTime = stage("claim", meters);
        this.appendTime = stage("append", meters);
        this.confirmTime = stage("confirm", meters);
    }

    private static Timer stage(String stage, MeterRegistry meters) {
        return Timer.builder("atsrelay.ingest.stage.duration").tag("stage", stage)
                .description("Time per request (one event or a batch) in each stage of ingestion").register(meters);
    }

    private static <T> Mono<T> timed(Mono<T> mono, Timer timer) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return mono.doOnTerminate(() -> timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
        });
    }

    /** One result per item, in order. Errors only if the idempotency store cannot be reached. */
    public Mono<List<Result>> ingest(List<Item> items) {
        Map<String, Integer> firstByKey = new HashMap<>();
        List<Candidate> distinct = new ArrayList<>();
        List<Accepted> distinctEvents = new ArrayList<>();
        int[] slot = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String key = item.event().tenant() + "\n" + item.idempotencyKey();
            Integer first = firstByKey.putIfAbsent(key, distinct.size());
            if (first == null) {
                slot[i] = distinct.size();
                distinct.add(new Candidate(item.event().tenant(), item.idempotencyKey(), item.event().id(),
                        item.event().type(), item.event().canonical()));
                distinctEvents.add(item.event());
            } else {
                slot[i] = first;
            }
        }
        return timed(idempotency.claim(distinct), claimTime).flatMap(claims -> publishClaimed(distinctEvents, claims)).map(results -> {
            List<Result> out = new ArrayList<>(items.size());
            boolean[] seen = new boolean[distinct.size()];
            for (int i = 0; i < items.size(); i++) {
                Result r = results.get(slot[i]);
                boolean repeatInBatch = seen[slot[i]];
                seen[slot[i]] = true;
                if (repeatInBatch && !java.util.Arrays.equals(items.get(i).event().canonical(), distinctEvents.get(slot[i]).canonical())) {
                    out.add(new Result(Status.KEY_REUSED, r.eventId(), r.type()));
                } else {
                    out.add(repeatInBatch && r.status() == Status.ACCEPTED ? new Result(Status.REPLAYED, r.eventId(), r.type()) : r);
                }
            }
            out.forEach(this::count);
            return out;
        });
    }

    private Mono<List<Result>> publishClaimed(List<Accepted> events, List<Claim> claims) {
        List<Integer> claimed = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).verdict() == IdempotencyStore.Verdict.CLAIMED) {
                claimed.add(i);
            }
        }
        return timed(log.append(claimed.stream().map(events::get).toList()), appendTime).flatMap(acks -> {
            boolean[] stored = new boolean[claims.size()];
            List<Claim> confirmed = new ArrayList<>();
            List<Claim> failed = new ArrayList<>();
            for (int j = 0; j < claimed.size(); j++) {
                int i = claimed.get(j);
                stored[i] = acks.get(j);
                (stored[i] ? confirmed : failed).add(claims.get(i));
            }
            List<Result> results = new ArrayList<>(claims.size());
            for (int i = 0; i < claims.size(); i++) {
                Claim c = claims.get(i);
                results.add(switch (c.verdict()) {
                    case CLAIMED -> new Result(stored[i] ? Status.ACCEPTED : Status.FAILED, c.candidate().eventId(), c.candidate().type());
                    case REPLAY -> new Result(Status.REPLAYED, c.originalEventId(), c.originalType());
                    case IN_PROGRESS -> new Result(Status.IN_PROGRESS, c.candidate().eventId(), c.candidate().type());
                    case KEY_REUSED -> new Result(Status.KEY_REUSED, c.originalEventId(), c.originalType());
                });
            }
            return timed(idempotency.confirm(confirmed).then(idempotency.release(failed)), confirmTime).thenReturn(results);
        });
    }

    /** Counts a rejection by its code and the path it came in by (http, kafka). */
    public void rejected(Rejection rejection, String path) {
        rejectedCounter(rejection.code().code(), path).increment();
    }

    private Counter rejectedCounter(String code, String path) {
        return Counter.builder("atsrelay.ingest.events.rejected").tag("code", code).tag("path", path)
                .description("Events rejected, by problem code and by the path they came in by (http, kafka, any)").register(meters);
    }

    private void count(Result r) {
        switch (r.status()) {
            case ACCEPTED -> accepted.computeIfAbsent(r.type(), type -> Counter.builder("atsrelay.ingest.events.accepted")
                    .description("Events stored on the canonical topic, by type (the catalogue bounds the label)")
                    .tag("type", type).register(meters)).increment();
            case REPLAYED -> replays.increment();
            case KEY_REUSED -> rejectedCounter("idempotency_key_reused", "any").increment();
            default -> { }
        }
    }
}
