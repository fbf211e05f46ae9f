package dev.atsrelay.marketplace.platform;

import reactor.core.publisher.Mono;

/** The platform topic (a remote system): completes once every in-sync replica has the event, else errors. */
public interface PlatformEvents {

    Mono<Void> publish(PlatformEvent event);
}
