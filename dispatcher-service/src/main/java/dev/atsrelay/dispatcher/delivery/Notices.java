package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * What the dispatcher tells the rest of the platform (a remote system, Kafka, hence the interface): an endpoint it
 * disabled (config-service owns the endpoint's enabled flag and flips it; subscribers of endpoint.disabled hear of
 * it), the action runs it starts, and how each action's delivery went.
 */
public interface Notices {

    Mono<Void> endpointDisabled(String tenantId, String endpointId, String url, String reason, Instant failingSince,
                                Instant disabledAt, Integer lastStatus);

    /** Publishes platform events (the {@code action.invoked} of Event actions and stage triggers); completes when acknowledged. */
    Mono<Void> publish(java.util.List<PlatformEvent> events);

    /** Publishes the outcome of a delivery of an {@code action.invoked} to its action's endpoint, for run progress. */
    Mono<Void> actionOutcome(ActionOutcome outcome);
}
