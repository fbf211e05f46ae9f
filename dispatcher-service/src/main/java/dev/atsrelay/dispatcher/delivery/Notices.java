package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * What the dispatcher tells the rest of the platform (a remote system, Kafka, hence the interface): an endpoint it
 * disabled. config-service owns the endpoint's enabled flag and flips it; subscribers of endpoint.disabled hear of it.
 */
public interface Notices {

    Mono<Void> endpointDisabled(String tenantId, String endpointId, String url, String reason, Instant failingSince,
                                Instant disabledAt, Integer lastStatus);
}
