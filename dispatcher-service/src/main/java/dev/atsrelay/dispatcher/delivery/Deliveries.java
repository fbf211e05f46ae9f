package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.webhook.WebhookRequest;
import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import dev.atsrelay.dispatcher.webhook.WebhookSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One attempt of one message, and what follows from its result: done; a retry row due on the schedule; or a dead
 * letter (exhausted, gone, refused). The returned Mono completes when the attempt is on record and any follow-up is
 * durable — only then may the message's Kafka offset be committed.
 */
@Component
class Deliveries {

    private final WebhookSender sender;
    private final AttemptLog attempts;
    private final Retries retries;
    private final DeadLetters deadLetters;
    private final EndpointHealth health;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter retriesScheduled;

    Deliveries(WebhookSender sender, AttemptLog attempts, Retries retries, DeadLetters deadLetters, EndpointHealth health,
               DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.sender = sender;
        this.attempts = attempts;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.health = health;
        this.schedule = properties.schedule();
        this.clock = clock;
        this.meters = meters;
        this.retriesScheduled = Counter.builder("atsrelay.dispatcher.retries.scheduled")
                .description("Failed attempts followed by a retry on the schedule").register(meters);
    }

    /** Attempt number {@code attemptNo} of {@code m} to {@code s}; {@code firstFailedAt} null unless it comes from a retry row. */
    Mono<Void> attempt(Message m, Subscription s, int attemptNo, Instant firstFailedAt) {
        var request = new WebhookRequest(s.url(), m.messageId(), m.payload(), s.signingKeys(clock.instant()), timeout(s));
        return sender.send(request).flatMap(r -> {
            meters.counter("atsrelay.dispatcher.attempts", "outcome", r.classification().name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
            return attempts.record(Attempt.of(m, attemptNo, r)).then(followUp(m, s, attemptNo, r, firstFailedAt));
        });
    }

    private Mono<Void> followUp(Message m, Subscription s, int attemptNo, WebhookResponse r, Instant firstFailedAt) {
        Instant now = clock.instant();
        return switch (r.classification()) {
            // firstFailedAt is set when the attempt came from a retry row (a retry, a replay or a recovery)
            case SUCCEEDED -> health.succeeded(m.endpointId()).then(firstFailedAt != null ? retries.delete(m.messageId()) : Mono.empty());
            case GONE -> deadLetter(m, attemptNo, "gone", r, now).then(health.gone(s, now));
            case REFUSED -> deadLetter(m, attemptNo, "refused", r, now);
            case RETRYABLE, THROTTLED -> health.failed(m.tenantId(), m.endpointId(), now).then(
                    schedule.next(attemptNo, now, r.retryAfter(), () -> ThreadLocalRandom.current().nextDouble())
                            .map(due -> {
                                retriesScheduled.increment();
                                return retries.schedule(m, attemptNo, due, r.status(), r.error(), firstFailedAt != null ? firstFailedAt : now);
                            })
                            .orElseGet(() -> deadLetter(m, attemptNo, "exhausted", r, now)));
        };
    }

    Mono<Void> deadLetter(Message m, int attemptsMade, String reason, WebhookResponse r, Instant now) {
        return deadLetters.add(m, attemptsMade, reason, r == null ? 0 : r.status(), r == null ? null : r.error(), now);
    }

    private Duration timeout(Subscription s) {
        return s.timeout() != null ? s.timeout() : sender.defaultTimeout();
    }
}
