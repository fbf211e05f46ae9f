package dev.atsrelay.dispatcher.delivery;

import java.time.Instant;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The hand-over of a first attempt that takes too long (a slow endpoint, a full concurrency queue): its message is
 * written as a retry row, so that its Kafka record can complete while the attempt goes on. Whichever comes first —
 * the outcome or the hand-over — decides; if the row was written, the outcome updates or deletes it.
 */
final class Handoff {

    private boolean settled;
    private Mono<Instant> written;

    /** Writes the retry row unless the outcome is already known; completes when the row is durable. */
    synchronized Mono<Void> handOff(Supplier<Mono<Instant>> write) {
        if (settled) {
            return Mono.empty();
        }
        if (written == null) {
            written = write.get().cache();
        }
        return written.then();
    }

    /** The outcome is known: emits when the row was written (it must be updated or deleted), or nothing if there is none. */
    synchronized Mono<Instant> settle() {
        settled = true;
        return written == null ? Mono.empty() : written;
    }
}
