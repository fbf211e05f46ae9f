package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Claims due retries and attempts them. A message whose endpoint was deleted meanwhile is discarded; one whose
 * endpoint is disabled, or whose vendor session expired, goes to the dead letters (session data redacted).
 */
@Component
class RetryWorker {

    private static final Logger log = LoggerFactory.getLogger(RetryWorker.class);

    private final Retries retries;
    private final Deliveries deliveries;
    private final SubscriptionIndex subscriptions;
    private final EndpointHealth health;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final AtomicBoolean busy = new AtomicBoolean();

    RetryWorker(Retries retries, Deliveries deliveries, SubscriptionIndex subscriptions, EndpointHealth health,
                Lanes lanes, DeliveryProperties properties, Clock clock) {
        // a FIFO lane's next message goes as soon as the one before it is done, not at the next poll
        lanes.onReleased(lane -> next(lane).subscribe(null, e -> log.warn("lane {}: {}", lane, e.toString())));
        this.health = health;
        this.retries = retries;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${atsrelay.dispatcher.delivery.retry-poll-interval:PT1S}")
    void run() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            deliveries.refreshLanes();
            List<Retries.Due> due;
            do {
                due = retries.claim(clock.instant(), properties.retryBatch(), properties.retryLease()).block();
                if (due != null && !due.isEmpty()) {
                    Flux.fromIterable(due).flatMap(this::retry).then().block();
                }
            } while (due != null && due.size() == properties.retryBatch());
        } catch (RuntimeException e) {
            log.warn("retry worker failed, will retry: {}", e.toString());
        } finally {
            busy.set(false);
        }
    }

    /** Claims and attempts the head of a FIFO lane ({@link Message#lane()}), and the next, while they finish. */
    private Mono<Void> next(String lane) {
        int space = lane.indexOf(' ');
        return retries.claimHead(lane.substring(0, space), lane.substring(space + 1), clock.instant(), properties.retryLease())
                .flatMap(this::retry);
    }

    private Mono<Void> retry(Retries.Due d) {
        Message m = d.message();
        Mono<Boolean> finished = attempt(d);
        return m.lane() == null ? finished.then()
                : finished.flatMap(done -> done ? next(m.lane()) : Mono.empty());
    }

    /** Emits true when the message is finished (delivered, dead or discarded), false when it waits for another retry. */
    private Mono<Boolean> attempt(Retries.Due d) {
        Message m = d.message();
        Instant now = clock.instant();
        Subscription s = subscriptions.find(m.endpointId());
        if (s == null) {
            log.info("discarding {}: endpoint {} no longer exists", m.messageId(), m.endpointId());
            return retries.delete(m.messageId()).then(deliveries.discarded(m, d.attempts())).thenReturn(true);
        }
        if (m.sessionExpiresAt() != null && !m.sessionExpiresAt().isAfter(now)) {
            return deliveries.deadLetter(m.withoutPayload(), d.attempts(), "session_expired", null, now).thenReturn(true);
        }
        if (!s.enabled() || health.disabled(s)) {
            return deliveries.deadLetter(m, d.attempts(), "endpoint_disabled", null, now).thenReturn(true);
        }
        return deliveries.retry(m, s, d.attempts() + 1, d.firstFailedAt())
                .onErrorResume(e -> {
                    log.warn("retry of {} failed ({}); its lease expires and it is claimed again", m.messageId(), e.toString());
                    return Mono.just(false);
                });
    }
}
