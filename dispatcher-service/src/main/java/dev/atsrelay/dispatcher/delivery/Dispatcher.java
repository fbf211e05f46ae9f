package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import dev.atsrelay.dispatcher.webhook.WebhookRequest;
import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import dev.atsrelay.dispatcher.webhook.WebhookSender;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Matches an event against the tenant's subscriptions and delivers one message per matching endpoint. The returned
 * Mono completes when every delivery of the event is done and on record — only then may its offset be committed.
 */
@Component
public class Dispatcher {

    private final SubscriptionIndex subscriptions;
    private final WebhookSender sender;
    private final AttemptLog attempts;
    private final Clock clock;

    Dispatcher(SubscriptionIndex subscriptions, WebhookSender sender, AttemptLog attempts, Clock clock) {
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.attempts = attempts;
        this.clock = clock;
    }

    public Mono<Void> dispatch(InboundEvent event) {
        List<Subscription> matching = subscriptions.matching(event.tenantId(), event.type());
        if (matching.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(matching).flatMap(s -> deliver(s, event)).then();
    }

    private Mono<Void> deliver(Subscription subscription, InboundEvent event) {
        String messageId = MessageId.of(event.tenantId(), event.id(), subscription.id());
        var request = new WebhookRequest(subscription.url(), messageId, event.payload(),
                subscription.signingKeys(clock.instant()), sender.defaultTimeout());
        return sender.send(request).flatMap(response -> attempts.record(attempt(subscription, event, messageId, 1, response)));
    }

    private static Attempt attempt(Subscription s, InboundEvent e, String messageId, int attemptNo, WebhookResponse r) {
        return new Attempt(e.tenantId(), s.id(), messageId, e.id(), e.type(), attemptNo,
                r.classification().name().toLowerCase(java.util.Locale.ROOT), r.status(), r.latency().toMillis(),
                r.excerpt(), r.error(), r.sentAt());
    }
}
