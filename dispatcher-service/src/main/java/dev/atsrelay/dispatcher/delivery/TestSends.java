package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.webhook.Classification;
import dev.atsrelay.dispatcher.webhook.WebhookRequest;
import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import dev.atsrelay.dispatcher.webhook.WebhookSender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The Test of a webhook or a custom action (config-service asks; all outbound HTTP goes through here): the same
 * signer, sender and classification as every delivery, one attempt, no retry, and the attempt is logged.
 */
@Component
public class TestSends {

    private final WebhookSender sender;
    private final AttemptLog attempts;
    private final Clock clock;

    TestSends(WebhookSender sender, AttemptLog attempts, Clock clock) {
        this.sender = sender;
        this.attempts = attempts;
        this.clock = clock;
    }

    public record Outcome(boolean passed, int status, long latencyMs, String excerpt, String error, String messageId) {
    }

    public Mono<Outcome> send(String tenantId, String endpointId, String url, List<Subscription.Secret> secrets,
                              String eventId, String eventType, byte[] event, Duration timeout) {
        String messageId = MessageId.of(tenantId, eventId, endpointId);
        var keys = secrets.stream().filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(clock.instant()))
                .map(Subscription.Secret::key).toList();
        return sender.send(new WebhookRequest(url, messageId, event, keys, timeout))
                .flatMap(r -> attempts.record(new Attempt(tenantId, endpointId, messageId, eventId, eventType, 1,
                                r.classification().name().toLowerCase(java.util.Locale.ROOT), r.status(), r.latency().toMillis(),
                                r.excerpt(), r.error(), r.sentAt(), null, null))
                        .thenReturn(outcome(r, messageId)));
    }

    private static Outcome outcome(WebhookResponse r, String messageId) {
        return new Outcome(r.classification() == Classification.SUCCEEDED, r.status(), r.latency().toMillis(),
                r.excerpt(), r.error(), messageId);
    }
}
