package dev.atsrelay.dispatcher.web;

import dev.atsrelay.dispatcher.credential.KeyIndex;
import dev.atsrelay.dispatcher.delivery.AttemptQuery;
import dev.atsrelay.dispatcher.delivery.DeadLetters;
import dev.atsrelay.dispatcher.delivery.EndpointHealth;
import dev.atsrelay.dispatcher.protection.EndpointProtection;
import dev.atsrelay.dispatcher.delivery.Replays;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Deliveries, for a tenant's administrators and support (admin key; always within the key's tenant): endpoints as
 * the dispatcher holds them, the attempt log, message status, replay and discard, dead letters, and recoveries.
 */
@RestController
class OperatorController {

    private static final Set<String> OUTCOMES = Set.of("succeeded", "retryable", "throttled", "gone", "refused");

    private final KeyIndex keys;
    private final SubscriptionIndex subscriptions;
    private final AttemptQuery attempts;
    private final DeadLetters deadLetters;
    private final Replays replays;
    private final EndpointHealth health;
    private final EndpointProtection protection;
    private final Clock clock;

    OperatorController(KeyIndex keys, SubscriptionIndex subscriptions, AttemptQuery attempts, DeadLetters deadLetters,
                       Replays replays, EndpointHealth health, EndpointProtection protection, Clock clock) {
        this.protection = protection;
        this.clock = clock;
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
        this.replays = replays;
        this.health = health;
    }

    /** An endpoint as the dispatcher holds it right now (configuration arrives from config-service). */
    record EndpointView(String id, String url, Set<String> eventTypes, boolean enabled, long version, int activeSecrets,
                        Integer rateLimitPerSecond, boolean fifo, Long timeoutMs, Instant failingSince,
                        boolean disabledByDispatcher, EndpointProtection.View protection) {
    }

    record Page<T>(List<T> items, String next) {
    }

    record RecoverRequest(Instant since, Instant until) {
    }

    @GetMapping("/v1/endpoints/{id}")
    Mono<EndpointView> endpoint(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @PathVariable String id) {
        Subscription s = ownEndpoint(tenant(authorization), id);
        var settings = s.settings();
        boolean disabledHere = health.disabled(s);
        return Mono.just(new EndpointView(s.id(), s.url(), s.eventTypes(), s.enabled() && !disabledHere, s.version(),
                s.signingKeys(clock.instant()).size(), settings.rateLimitPerSecond(), settings.fifo(),
                settings.timeout() == null ? null : settings.timeout().toMillis(), health.failingSince(id), disabledHere,
                protection.view(id)));
    }

    @GetMapping("/v1/attempts")
    Mono<Page<AttemptQuery.AttemptView>> attempts(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(required = false) String endpointId, @RequestParam(required = false) String messageId,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until, @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") int limit) {
        String tenant = tenant(authorization);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new BadParameter("outcome", "outcome must be one of " + OUTCOMES);
        }
        int n = limit(limit);
        return attempts.find(tenant, new AttemptQuery.Filter(endpointId, messageId, outcome, since, until), cursor, n + 1)
                .collectList().map(rows -> rows.size() <= n ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, n), Long.toString(rows.get(n - 1).id())));
    }

    @GetMapping("/v1/messages/{messageId}")
    Mono<AttemptQuery.MessageStatus> message(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                             @PathVariable String messageId) {
        return attempts.status(tenant(authorization), messageId)
                .switchIfEmpty(Mono.error(new NotFound("no message " + messageId + " in this tenant")));
    }

    /** Resends the message to its endpoint now, with a fresh round of the retry schedule. */
    @PostMapping("/v1/messages/{messageId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<AttemptQuery.MessageStatus> replay(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                            @PathVariable String messageId) {
        String tenant = tenant(authorization);
        return replays.replay(tenant, messageId).then(attempts.status(tenant, messageId));
    }

    @DeleteMapping("/v1/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> discard(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                       @PathVariable String messageId) {
        return replays.discard(tenant(authorization), messageId)
                .flatMap(found -> found ? Mono.<Void>empty()
                        : Mono.error(new NotFound("message " + messageId + " is neither waiting for a retry nor dead-lettered")));
    }

    @GetMapping("/v1/dead-letters")
    Mono<Page<DeadLetters.DeadLetter>> deadLetters(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(required = false) String endpointId, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        int n = limit(limit);
        return deadLetters.list(tenant(authorization), endpointId, cursor, n + 1).collectList()
                .map(rows -> rows.size() <= n ? new Page<>(rows, null) : new Page<>(rows.subList(0, n), rows.get(n - 1).messageId()));
    }

    /** Recovers every dead letter of the endpoint in [since, until) in the background; read the progress below. */
    @PostMapping("/v1/endpoints/{id}/recover")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Replays.Recovery> recover(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                   @PathVariable String id, @RequestBody RecoverRequest r) {
        String tenant = tenant(authorization);
        ownEndpoint(tenant, id);
        if (r == null || r.since() == null || r.until() == null || !r.since().isBefore(r.until())) {
            throw new BadParameter("since", "give since and until (RFC 3339), since before until");
        }
        return replays.recover(tenant, id, r.since(), r.until());
    }

    @GetMapping("/v1/recoveries/{id}")
    Mono<Replays.Recovery> recovery(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                    @PathVariable String id) {
        return replays.progress(tenant(authorization), id).switchIfEmpty(Mono.error(new NotFound("no recovery " + id + " in this tenant")));
    }

    private String tenant(String authorization) {
        return keys.tenantWith(authorization, KeyIndex.ADMIN);
    }

    private Subscription ownEndpoint(String tenant, String id) {
        Subscription s = subscriptions.find(id);
        if (s == null || !s.tenantId().equals(tenant)) {
            throw new NotFound("no endpoint " + id + " in this tenant (changes take a moment to arrive)");
        }
        return s;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new BadParameter("limit", "limit must be between 1 and 500");
        }
        return limit;
    }
}
