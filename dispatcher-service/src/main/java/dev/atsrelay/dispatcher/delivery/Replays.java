package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What an operator does about failures: replay one message (from its dead letter, its retry row, or — if it kept no
 * payload — its event still on Kafka), discard one, or recover every dead letter of an endpoint in a time range as a
 * background job whose progress can be read.
 */
@Component
public class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    /** Progress is written at least every slice of 100; a running recovery silent this long has stopped. */
    private static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(5);

    private final DatabaseClient db;
    private final Retries retries;
    private final DeadLetters deadLetters;
    private final EventArchive archive;
    private final SubscriptionIndex subscriptions;
    private final Clock clock;

    Replays(DatabaseClient db, Retries retries, DeadLetters deadLetters, EventArchive archive, SubscriptionIndex subscriptions,
            Clock clock) {
        this.db = db;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.archive = archive;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public record Recovery(String id, String endpointId, Instant since, Instant until, int total, int requeued, String status,
                           String error, Instant createdAt, Instant finishedAt) {
    }

    /**
     * Sends the message again, due now: a message waiting for a retry keeps its attempt count; one from the dead
     * letters or from Kafka starts a fresh round of the schedule.
     */
    public Mono<Void> replay(String tenantId, String messageId) {
        Instant now = clock.instant();
        return retries.dueNow(tenantId, messageId, now).flatMap(n -> n > 0 ? Mono.<Void>empty()
                : deadLetters.find(tenantId, messageId).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(d -> d.isPresent() ? fromDeadLetter(tenantId, d.get(), now) : fromArchive(tenantId, messageId, now)));
    }

    private Mono<Void> fromDeadLetter(String tenantId, DeadLetters.DeadLetter d, Instant now) {
        replayable(d.messageId(), d.endpointId(), d.sessionExpiresAt(), now);
        return retries.fromDeadLetters(tenantId, List.of(d.messageId()), now).flatMap(moved -> moved > 0 ? Mono.<Void>empty()
                : Mono.error(new MessageNotFound(d.messageId(), "it was replayed or discarded meanwhile")));
    }

    private Mono<Void> fromArchive(String tenantId, String messageId, Instant now) {
        return db.sql("SELECT * FROM attempt WHERE tenant_id = :tenant AND message_id = :id AND source_topic IS NOT NULL "
                        + "ORDER BY id DESC LIMIT 1")
                .bind("tenant", tenantId).bind("id", messageId)
                .map(row -> Sources.message(row, null, null))
                .one()
                .switchIfEmpty(Mono.error(new MessageNotFound(messageId, "no attempt of it is on record in this tenant")))
                .flatMap(a -> {
                    replayable(messageId, a.endpointId(), a.sessionExpiresAt(), now);
                    return archive.read(a.source())
                            .switchIfEmpty(Mono.error(new MessageNotFound(messageId, "its event is no longer on Kafka (past retention)")))
                            .flatMap(payload -> retries.schedule(new Message(messageId, tenantId, a.endpointId(), a.eventId(),
                                    a.eventType(), payload, a.source(), a.sessionExpiresAt(), null, null, null), 0, now, 0, null, now));
                });
    }

    private void replayable(String messageId, String endpointId, Instant sessionExpiresAt, Instant now) {
        if (subscriptions.find(endpointId) == null) {
            throw new NotReplayable(messageId, "its endpoint no longer exists");
        }
        if (sessionExpiresAt != null && !sessionExpiresAt.isAfter(now)) {
            throw new NotReplayable(messageId, "its vendor session expired at " + sessionExpiresAt + ", and its data with it");
        }
    }

    /** Removes the message from the retries and the dead letters; false if it was in neither. */
    public Mono<Boolean> discard(String tenantId, String messageId) {
        return db.sql("WITH r AS (DELETE FROM retry WHERE tenant_id = :tenant AND message_id = :id RETURNING 1), "
                        + "d AS (DELETE FROM dead_letter WHERE tenant_id = :tenant AND message_id = :id RETURNING 1) "
                        + "SELECT (SELECT count(*) FROM r) + (SELECT count(*) FROM d) AS n")
                .bind("tenant", tenantId).bind("id", messageId)
                .map(row -> row.get("n", Long.class)).one().map(n -> n > 0);
    }

    /** Starts requeueing every dead letter of the endpoint that died in [since, until); answers at once. */
    public Mono<Recovery> recover(String tenantId, String endpointId, Instant since, Instant until) {
        Instant now = clock.instant();
        String id = "rec_" + com.github.f4b6a3.ulid.UlidCreator.getMonotonicUlid().toString().toLowerCase(java.util.Locale.ROOT);
        return db.sql("SELECT count(*) AS n FROM dead_letter WHERE tenant_id = :tenant AND endpoint_id = :endpoint "
                        + "AND dead_at >= :since AND dead_at < :until")
                .bind("tenant", tenantId).bind("endpoint", endpointId).bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("until", until.atOffset(ZoneOffset.UTC)).map(row -> row.get("n", Long.class)).one()
                .flatMap(total -> db.sql("INSERT INTO recovery (id, tenant_id, endpoint_id, since, until, total, requeued, status, "
                                + "created_at, updated_at) VALUES (:id, :tenant, :endpoint, :since, :until, :total, 0, 'running', :now, :now)")
                        .bind("id", id).bind("tenant", tenantId).bind("endpoint", endpointId)
                        .bind("since", since.atOffset(ZoneOffset.UTC)).bind("until", until.atOffset(ZoneOffset.UTC))
                        .bind("total", total.intValue()).bind("now", now.atOffset(ZoneOffset.UTC)).then())
                .then(Mono.fromRunnable(() -> run(id, tenantId, endpointId, since, until).subscribeOn(Schedulers.boundedElastic())
                        .subscribe()))
                .then(progress(tenantId, id));
    }

    /**
     * Requeues in slices of 100, each moved in one statement (a dead letter is never lost between the two tables),
     * counting progress as it goes. Dead letters whose vendor session expired stay where they are.
     */
    private Mono<Void> run(String id, String tenantId, String endpointId, Instant since, Instant until) {
        return db.sql("SELECT message_id FROM dead_letter WHERE tenant_id = :tenant AND endpoint_id = :endpoint "
                        + "AND dead_at >= :since AND dead_at < :until ORDER BY dead_at")
                .bind("tenant", tenantId).bind("endpoint", endpointId).bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("until", until.atOffset(ZoneOffset.UTC)).map(row -> row.get("message_id", String.class)).all()
                .buffer(100)
                .concatMap(ids -> retries.fromDeadLetters(tenantId, ids, clock.instant())
                        .flatMap(n -> db.sql("UPDATE recovery SET requeued = requeued + :n, updated_at = :now WHERE id = :id")
                                .bind("n", n.intValue()).bind("now", clock.instant().atOffset(ZoneOffset.UTC)).bind("id", id).then()))
                .then(finish(id, "done", null))
                .onErrorResume(e -> {
                    log.error("recovery {} failed", id, e);
                    return finish(id, "failed", "stopped by an internal error; the dead letters not requeued are still "
                            + "there — start the recovery again (the cause is in the dispatcher's log)");
                });
    }

    private Mono<Void> finish(String id, String status, String error) {
        var spec = db.sql("UPDATE recovery SET status = :status, error = :error, finished_at = :now, updated_at = :now WHERE id = :id")
                .bind("status", status).bind("now", clock.instant().atOffset(ZoneOffset.UTC)).bind("id", id);
        return (error == null ? spec.bindNull("error", String.class) : spec.bind("error", error)).then();
    }

    /** A recovery whose instance stopped before it finished shows as failed; run it again to requeue the rest. */
    @Scheduled(fixedDelayString = "${atsrelay.dispatcher.delivery.recovery-check-interval:PT1M}")
    void failAbandonedRecoveries() {
        Instant now = clock.instant();
        db.sql("UPDATE recovery SET status = 'failed', error = 'interrupted: the dispatcher instance running it stopped', "
                        + "finished_at = :now, updated_at = :now WHERE status = 'running' AND updated_at < :stale")
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("stale", now.minus(ABANDONED_AFTER).atOffset(ZoneOffset.UTC))
                .then().onErrorResume(e -> {
                    log.warn("recovery check failed, will retry: {}", e.toString());
                    return Mono.empty();
                }).block();
    }

    public Mono<Recovery> progress(String tenantId, String id) {
        return db.sql("SELECT * FROM recovery WHERE id = :id AND tenant_id = :tenant").bind("id", id).bind("tenant", tenantId)
                .map(Replays::recovery).one();
    }

    private static Recovery recovery(Readable row) {
        OffsetDateTime finished = row.get("finished_at", OffsetDateTime.class);
        return new Recovery(row.get("id", String.class), row.get("endpoint_id", String.class),
                row.get("since", OffsetDateTime.class).toInstant(), row.get("until", OffsetDateTime.class).toInstant(),
                row.get("total", Integer.class), row.get("requeued", Integer.class), row.get("status", String.class),
                row.get("error", String.class), row.get("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
    }
}
