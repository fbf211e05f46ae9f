package dev.atsrelay.config.run;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies the dispatcher's delivery outcomes to the records of runs (rules in {@link RecordProgress}). A batch is one
 * transaction, applied in the order given; each record is locked while it is read and written.
 */
@Component
public class RunProgress {

    /** What became of one outcome. */
    public enum Result {
        /** the record's progress changed */
        APPLIED,
        /** a duplicate, an older attempt, or a report that loses to the record's state */
        UNCHANGED,
        /** no runId: an event-triggered invocation, which has no run */
        NO_RUN,
        /** no such record in that run of that tenant */
        UNKNOWN_RUN
    }

    private final RunStore store;
    private final TransactionalOperator tx;

    RunProgress(RunStore store, TransactionalOperator tx) {
        this.store = store;
        this.tx = tx;
    }

    /** One result per outcome, in the same order. */
    public Mono<List<Result>> apply(List<DeliveryOutcome> outcomes) {
        return tx.transactional(Flux.fromIterable(outcomes).concatMap(this::apply)).collectList();
    }

    private Mono<Result> apply(DeliveryOutcome o) {
        if (o.runId() == null) {
            return Mono.just(Result.NO_RUN);
        }
        return store.lock(o.invocationId(), o.runId(), o.tenantId())
                .flatMap(r -> r.progress().after(o)
                        .map(next -> store.update(r.invocationId(), next).thenReturn(Result.APPLIED))
                        .orElse(Mono.just(Result.UNCHANGED)))
                .defaultIfEmpty(Result.UNKNOWN_RUN);
    }
}
