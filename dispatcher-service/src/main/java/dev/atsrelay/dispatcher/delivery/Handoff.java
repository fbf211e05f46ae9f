package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.protection.Place;
import java.time.Instant;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The hand-over of a first attempt that takes too long (a slow endpoint, a full concurrency queue): its message is
 * written as a retry row, so that its Kafka record can complete while the attempt goes on. Whichever comes first —
 * the outcome or the hand-over — decides; if the row was written, the outcome updates or deletes it.
 */
final class Handoff {

    /** Where the attempt waits for its endpoint's concurrency slot, if it does. */
    final Place place = new Place();

    private final Sinks.Empty<Void> completed = Sinks.empty();
    private boolean settled;
    private Mono<Instant> written;

    /**
     * Writes the retry row unless the outcome is already known; completes when the row is durable — or, if the outcome
     * was known first, when what follows from it is durable.
     */
    synchronized Mono<Void> handOff(Supplier<Mono<Instant>> write) {
        if (settled) {
            return completed.asMono();
        }
        if (written == null) {
            written = write.get().cache();
        }
        return written.then();
    }

    /** Everything that follows from the outcome is durable (or failed). */
    void completed() {
        completed.tryEmitEmpty();
    }

    /** The outcome is known: emits when the row was written (it must be updated or deleted), or nothing if there is none. */
    synchronized Mono<Instant> settle() {
        settled = true;
        return written == null ? Mono.empty() : written;
    }
}
