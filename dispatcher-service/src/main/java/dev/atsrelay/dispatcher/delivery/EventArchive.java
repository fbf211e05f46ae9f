package dev.atsrelay.dispatcher.delivery;

import reactor.core.publisher.Mono;

/** Reads an event back from Kafka by its position, for replaying a message that kept no payload (a remote system). */
public interface EventArchive {

    /** The record's value, or empty if it is no longer on the topic (past retention). */
    Mono<byte[]> read(InboundEvent.Source source);
}
