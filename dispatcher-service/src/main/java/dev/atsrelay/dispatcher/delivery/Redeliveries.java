package dev.atsrelay.dispatcher.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Recognises a message the previous owner of its partition already handled. After a handover, the records between
 * the partition's committed offset and its end at that moment may have been dispatched by the instance that had it,
 * whose last commit may have been refused (e.g. mid-rebalance). Such a message is not sent again when its delivery
 * succeeded, or is durably scheduled (a retry row) or finished (a dead letter). One indexed lookup per message, only
 * for those records.
 */
@Component
class Redeliveries {

    private final DatabaseClient db;
    private final Counter checked;
    private final Counter skipped;

    Redeliveries(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        this.checked = Counter.builder("atsrelay.dispatcher.redeliveries.checked")
                .description("Messages of records read again after a partition handover that were looked up before "
                        + "being sent (none after a clean handover)")
                .register(meters);
        this.skipped = Counter.builder("atsrelay.dispatcher.redeliveries.skipped")
                .description("Messages of records read again after a partition handover that were not sent again: "
                        + "the previous owner had delivered, scheduled or dead-lettered them")
                .register(meters);
    }

    Mono<Boolean> handled(String messageId) {
        checked.increment();
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM attempt WHERE message_id = :id AND outcome = 'succeeded')
                            OR EXISTS (SELECT 1 FROM retry WHERE message_id = :id)
                            OR EXISTS (SELECT 1 FROM dead_letter WHERE message_id = :id) AS handled""")
                .bind("id", messageId)
                .map(row -> Boolean.TRUE.equals(row.get("handled", Boolean.class)))
                .one()
                .doOnNext(handled -> {
                    if (handled) {
                        skipped.increment();
                    }
                });
    }
}
