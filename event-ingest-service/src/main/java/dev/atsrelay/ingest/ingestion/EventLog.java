package dev.atsrelay.ingest.ingestion;

import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import java.util.List;
import reactor.core.publisher.Mono;

/** Where accepted events are stored: the canonical Kafka topic (a remote system, hence the interface). */
public interface EventLog {

    /** Appends the events; one flag per event, in order: true once every in-sync replica has it. */
    Mono<List<Boolean>> append(List<Accepted> events);
}
