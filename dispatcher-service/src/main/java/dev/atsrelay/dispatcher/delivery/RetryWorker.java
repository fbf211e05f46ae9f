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
                DeliveryProperties properties, Clock clock) {
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

    private Mono<Void> retry(Retries.Due d) {
        Message m = d.message();
        Instant now = clock.instant();
        Subscription s = subscriptions.find(m.endpointId());
        if (s == null) {
            log.info("discarding {}: endpoint {} no longer exists", m.messageId(), m.endpointId());
            return retries.delete(m.messageId());
        }
        if (m.sessionExpiresAt() != null && !m.sessionExpiresAt().isAfter(now)) {
            Message redacted = new Message(m.messageId(), m.tenantId(), m.endpointId(), m.eventId(), m.eventType(), null,
                    m.source(), m.sessionExpiresAt());
            return deliveries.deadLetter(redacted, d.attempts(), "session_expired", null, now);
        }
        if (!s.enabled() || health.disabled(s)) {
            return deliveries.deadLetter(m, d.attempts(), "endpoint_disabled", null, now);
        }
        return deliveries.retry(m, s, d.attempts() + 1, d.firstFailedAt())
                .onErrorResume(e -> {
                    log.warn("retry of {} failed ({}); its lease expires and it is claimed again", m.messageId(), e.toString());
                    return Mono.empty();
                });
    }
}
