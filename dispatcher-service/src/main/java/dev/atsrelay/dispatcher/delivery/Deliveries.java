package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.protection.Admission.Admitted;
import dev.atsrelay.dispatcher.protection.Admission.Deferred;
import dev.atsrelay.dispatcher.protection.EndpointProtection;
import dev.atsrelay.dispatcher.protection.ProtectionProperties;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.webhook.Classification;
import dev.atsrelay.dispatcher.webhook.WebhookRequest;
import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import dev.atsrelay.dispatcher.webhook.WebhookSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One attempt of one message, and what follows from its result: done; a retry row due on the schedule; or a dead
 * letter (exhausted, gone, refused). Before the attempt, the endpoint's protection may defer it (circuit open, rate
 * limit, concurrency): then it goes to the retry schedule untried. The returned Mono completes when the attempt is on
 * record and any follow-up is durable — only then may the message's Kafka offset be committed; a first attempt that
 * takes longer than the hand-off time is made durable as a retry row first, so no endpoint holds a partition's commits
 * (unless it waits behind a busy endpoint whose queue moves fast enough to reach it within another hand-off time).
 */
@Component
class Deliveries {

    private static final Duration HANDOFF_MARGIN = Duration.ofSeconds(30);

    private final WebhookSender sender;
    private final AttemptLog attempts;
    private final Retries retries;
    private final DeadLetters deadLetters;
    private final EndpointHealth health;
    private final EndpointProtection protection;
    private final ProtectionProperties limits;
    private final Lanes lanes;
    private final ActionOutcomes outcomes;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Counter retriesScheduled;
    private final Counter handoffs;
    private final Timer deliveryLatency;
    private final Map<Classification, Counter> attemptsByOutcome = new EnumMap<>(Classification.class);
    private final Map<Classification, Timer> durationByOutcome = new EnumMap<>(Classification.class);

    Deliveries(WebhookSender sender, AttemptLog attempts, Retries retries, DeadLetters deadLetters, EndpointHealth health,
               EndpointProtection protection, ProtectionProperties limits, Lanes lanes, ActionOutcomes outcomes,
               DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.lanes = lanes;
        this.outcomes = outcomes;
        this.sender = sender;
        this.attempts = attempts;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.health = health;
        this.protection = protection;
        this.limits = limits;
        this.schedule = properties.schedule();
        this.clock = clock;
        this.retriesScheduled = Counter.builder("atsrelay.dispatcher.retries.scheduled")
                .description("Failed attempts followed by a retry on the schedule").register(meters);
        this.deliveryLatency = Timer.builder("atsrelay.dispatcher.delivery.latency")
                .description("From an event's Kafka record to its delivery (2xx) by a first attempt")
                .publishPercentileHistogram().register(meters);
        this.handoffs = Counter.builder("atsrelay.dispatcher.handoffs")
                .description("First attempts made durable as retry rows because they took longer than the hand-off time")
                .register(meters);
        for (Classification c : Classification.values()) {
            String outcome = c.name().toLowerCase(Locale.ROOT);
            attemptsByOutcome.put(c, Counter.builder("atsrelay.dispatcher.attempts").tag("outcome", outcome)
                    .description("Delivery attempts by outcome (first attempts, retries, replays; not Tests)").register(meters));
            durationByOutcome.put(c, Timer.builder("atsrelay.dispatcher.attempt.duration").tag("outcome", outcome)
                    .description("How long an endpoint took to answer (or to time out or fail), by outcome")
                    .publishPercentileHistogram().register(meters));
        }
    }

    /**
     * The first attempt of {@code m}, straight from the stream. A message of a FIFO lane that is not idle joins the
     * lane's retry rows instead, behind the message in flight (which is made durable first, so that it stays ahead).
     */
    Mono<Void> first(Message m, Subscription s) {
        return Mono.defer(() -> {
            Handoff handoff = new Handoff();
            Supplier<Mono<Void>> handOff = () -> handoff.handOff(() -> handOff(m, s));
            String lane = m.lane();
            if (lane != null) {
                Lanes.Entry entry = lanes.enter(lane, handOff);
                if (!entry.goNow()) {
                    Instant now = clock.instant();
                    return (entry.headHandOff() == null ? Mono.<Void>empty() : entry.headHandOff().get())
                            .then(retries.defer(m, 0, now, "waiting for an earlier message with the same key", now))
                            .doFinally(signal -> lanes.written(lane));
                }
            }
            Sinks.Empty<Void> done = Sinks.empty();
            // not handed off while it waits behind a busy endpoint that reaches it within another hand-off time
            Disposable timer = Mono.delay(limits.handoffAfter()).repeat(() -> handoff.place.turnWithin(limits.handoffAfter()))
                    .then(Mono.defer(handOff))
                    .subscribe(null, done::tryEmitError, done::tryEmitEmpty);
            attempt(m, s, 1, null, handoff)
                    .doOnEach(signal -> {
                        if (signal.isOnNext() || signal.isOnError()) {
                            handoff.completed();
                            if (lane != null) {
                                lanes.headDone(lane, Boolean.TRUE.equals(signal.get()));
                            }
                        }
                    })
                    .subscribe(null, done::tryEmitError, () -> {
                        timer.dispose();
                        done.tryEmitEmpty();
                    });
            return done.asMono();
        });
    }

    /**
     * Attempt number {@code attemptNo} of a message that has a retry row (a retry, a replay, a recovery). Emits true
     * when the message is finished (delivered or dead), false when it has a retry row again.
     */
    Mono<Boolean> retry(Message m, Subscription s, int attemptNo, Instant firstFailedAt) {
        return attempt(m, s, attemptNo, firstFailedAt, null);
    }

    /** Re-reads which FIFO lanes have retry rows (another instance may have emptied them, or filled them). */
    void refreshLanes() {
        long started = System.nanoTime();
        lanes.refresh(retries.lanes().block(), started);
    }

    /**
     * {@code firstFailedAt} is set when the message has a retry row; {@code handoff} only for a first attempt. Emits
     * true when the message is finished (delivered or dead), false when it has a retry row.
     */
    private Mono<Boolean> attempt(Message m, Subscription s, int attemptNo, Instant firstFailedAt, Handoff handoff) {
        return protection.admit(s.id(), s.settings().rateLimitPerSecond(), s.settings().maxConcurrent(),
                handoff == null ? null : handoff.place).flatMap(admission -> {
            if (admission instanceof Deferred d) {
                return row(handoff, firstFailedAt).defaultIfEmpty(clock.instant())
                        .flatMap(since -> retries.defer(m, attemptNo - 1, d.until(), "deferred: " + d.reason(), since))
                        .thenReturn(false);
            }
            Admitted permit = (Admitted) admission;
            var request = new WebhookRequest(s.url(), m.messageId(), m.payload(), s.signingKeys(clock.instant()), timeout(s),
                    m.traceparent());
            return sender.send(request)
                    .doOnNext(permit::finish)
                    .doOnCancel(() -> permit.finish(null))
                    .flatMap(r -> {
                        attemptsByOutcome.get(r.classification()).increment();
                        durationByOutcome.get(r.classification()).record(r.latency());
                        return attempts.record(Attempt.of(m, attemptNo, r))
                                .then(row(handoff, firstFailedAt).map(Optional::of).defaultIfEmpty(Optional.empty()))
                                .flatMap(row -> followUp(m, s, attemptNo, r, row.orElse(null)));
                    });
        });
    }

    /** When the message's retry row was first written, or empty if it has none. */
    private static Mono<Instant> row(Handoff handoff, Instant firstFailedAt) {
        return handoff != null ? handoff.settle() : Mono.justOrEmpty(firstFailedAt);
    }

    /** Writes the retry row of a first attempt still in flight, due only after it could still be going on. */
    private Mono<Instant> handOff(Message m, Subscription s) {
        Instant now = clock.instant();
        Duration stillGoing = limits.maxRateWait().plus(limits.maxQueueWait()).plus(timeout(s)).plus(HANDOFF_MARGIN);
        handoffs.increment();
        return retries.defer(m, 0, now.plus(stillGoing), "in flight for more than " + limits.handoffAfter().toMillis() + " ms", now)
                .thenReturn(now);
    }

    /** Times a first attempt's success from the moment its event was written to Kafka. */
    private Mono<Void> delivered(Message m, int attemptNo, Instant now) {
        if (attemptNo == 1 && m.recordedAt() != null) {
            Duration latency = Duration.between(m.recordedAt(), now);
            deliveryLatency.record(latency.isNegative() ? Duration.ZERO : latency);
        }
        return Mono.empty();
    }

    /**
     * {@code firstFailedAt} is set when the message has a retry row (a retry, a replay, a recovery, a hand-off).
     * Emits true when the message is finished (delivered or dead), false when it is scheduled for a retry.
     */
    private Mono<Boolean> followUp(Message m, Subscription s, int attemptNo, WebhookResponse r, Instant firstFailedAt) {
        Instant now = clock.instant();
        return switch (r.classification()) {
            case SUCCEEDED -> delivered(m, attemptNo, now).then(health.succeeded(m.endpointId()))
                    .then(firstFailedAt != null ? retries.delete(m.messageId()) : Mono.empty())
                    .then(outcomes.report(m, ActionOutcomes.DELIVERED, attemptNo, r, null)).thenReturn(true);
            case GONE -> deadLetter(m, attemptNo, "gone", r, now).then(health.gone(s, now)).thenReturn(true);
            case REFUSED -> deadLetter(m, attemptNo, "refused", r, now).thenReturn(true);
            case RETRYABLE, THROTTLED -> health.failed(s, now).then(
                    schedule.next(attemptNo, now, r.retryAfter(), () -> ThreadLocalRandom.current().nextDouble())
                            .map(due -> {
                                retriesScheduled.increment();
                                return retries.schedule(m, attemptNo, due, r.status(), r.error(),
                                                firstFailedAt != null ? firstFailedAt : now)
                                        .then(outcomes.report(m, ActionOutcomes.RETRYING, attemptNo, r, null)).thenReturn(false);
                            })
                            .orElseGet(() -> deadLetter(m, attemptNo, "exhausted", r, now).thenReturn(true)));
        };
    }

    Mono<Void> deadLetter(Message m, int attemptsMade, String reason, WebhookResponse r, Instant now) {
        return deadLetters.add(m, attemptsMade, reason, r == null ? 0 : r.status(), r == null ? null : r.error(), now)
                .then(outcomes.report(m, ActionOutcomes.FAILED, attemptsMade, r, reason));
    }

    /**
     * A message that will not be delivered because its endpoint is gone (deleted): nothing is kept. For an action,
     * its run learns of it.
     */
    Mono<Void> discarded(Message m, int attemptsMade) {
        return outcomes.report(m, ActionOutcomes.FAILED, attemptsMade, null, "discarded");
    }

    private Duration timeout(Subscription s) {
        return s.timeout() != null ? s.timeout() : sender.defaultTimeout();
    }
}
