package dev.atsrelay.dispatcher.web;

import dev.atsrelay.dispatcher.credential.KeyIndex;
import dev.atsrelay.dispatcher.delivery.AttemptQuery;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the dispatcher knows and did, for a tenant's administrators and support: endpoints and the attempt log. */
@RestController
class OperatorController {

    private final KeyIndex keys;
    private final SubscriptionIndex subscriptions;
    private final AttemptQuery attempts;

    OperatorController(KeyIndex keys, SubscriptionIndex subscriptions, AttemptQuery attempts) {
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.attempts = attempts;
    }

    /** An endpoint as the dispatcher holds it right now (configuration propagates from config-service). */
    record EndpointView(String id, String url, Set<String> eventTypes, boolean enabled, long version, int activeSecrets) {
    }

    @GetMapping("/v1/endpoints/{id}")
    Mono<EndpointView> endpoint(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @PathVariable String id) {
        String tenant = keys.tenantWith(authorization, KeyIndex.ADMIN);
        Subscription s = subscriptions.find(id);
        if (s == null || !s.tenantId().equals(tenant)) {
            return Mono.error(new NotFound("no endpoint " + id + " in this tenant (changes take a moment to arrive)"));
        }
        return Mono.just(new EndpointView(s.id(), s.url(), s.eventTypes(), s.enabled(), s.version(), s.secrets().size()));
    }

    @GetMapping("/v1/attempts")
    Flux<AttemptQuery.AttemptView> attempts(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(required = false) String endpointId, @RequestParam(required = false) String messageId,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
        String tenant = keys.tenantWith(authorization, KeyIndex.ADMIN);
        return attempts.find(tenant, endpointId, messageId, before, Math.max(1, Math.min(limit, 500)));
    }
}
