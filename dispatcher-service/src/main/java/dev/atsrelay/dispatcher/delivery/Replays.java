package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What an operator does about failures: replay one message (from its dead letter, its retry row, or — if it kept no
 * payload — its event still on Kafka), discard one, or recover every dead letter of an endpoint in a time range as a
 * background job whose progress can be read. A replayed message starts a fresh round of the retry schedule.
 */
@Component
public class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

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
                           Instant createdAt, Instant finishedAt) {
    }

    /** Sends the message again (a fresh round of attempts, due now). */
    public Mono<Void> replay(String tenantId, String messageId) {
        Instant now = clock.instant();
        return retries.dueNow(tenantId, messageId, now).flatMap(n -> n > 0 ? Mono.<Void>empty()
                : deadLetters.take(tenantId, messageId).flatMap(m -> requeue(m, now))
                        .switchIfEmpty(Mono.defer(() -> fromArchive(tenantId, messageId, now))));
    }

    private Mono<Void> fromArchive(String tenantId, String messageId, Instant now) {
        return db.sql("SELECT * FROM attempt WHERE tenant_id = :tenant AND message_id = :id AND source_topic IS NOT NULL "
                        + "ORDER BY id DESC LIMIT 1")
                .bind("tenant", tenantId).bind("id", messageId)
                .map(row -> new Object[] {row.get("endpoint_id", String.class), row.get("event_id", String.class),
                        row.get("event_type", String.class), new InboundEvent.Source(row.get("source_topic", String.class),
                        row.get("source_partition", Integer.class), row.get("source_offset", Long.class))})
                .one()
                .switchIfEmpty(Mono.error(new MessageNotFound(messageId, "no attempt of it is on record in this tenant")))
                .flatMap(a -> archive.read((InboundEvent.Source) a[3])
                        .switchIfEmpty(Mono.error(new MessageNotFound(messageId, "its event is no longer on Kafka (past retention)")))
                        .flatMap(payload -> requeue(new Message(messageId, tenantId, (String) a[0], (String) a[1], (String) a[2],
                                payload, (InboundEvent.Source) a[3], null), now)));
    }

    private Mono<Void> requeue(Message m, Instant now) {
        if (subscriptions.find(m.endpointId()) == null) {
            return Mono.error(new MessageNotFound(m.messageId(), "its endpoint no longer exists"));
        }
        return retries.schedule(m, 0, now, 0, null, now);
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
                .flatMap(total -> db.sql("INSERT INTO recovery (id, tenant_id, endpoint_id, since, until, total, requeued, status, created_at) "
                                + "VALUES (:id, :tenant, :endpoint, :since, :until, :total, 0, 'running', :now)")
                        .bind("id", id).bind("tenant", tenantId).bind("endpoint", endpointId)
                        .bind("since", since.atOffset(ZoneOffset.UTC)).bind("until", until.atOffset(ZoneOffset.UTC))
                        .bind("total", total.intValue()).bind("now", now.atOffset(ZoneOffset.UTC)).then())
                .then(Mono.fromRunnable(() -> run(id, tenantId, endpointId, since, until).subscribeOn(Schedulers.boundedElastic())
                        .subscribe(done -> { }, e -> log.error("recovery {} failed", id, e))))
                .then(progress(tenantId, id));
    }

    /** Requeues in slices of 100, counting progress as it goes. */
    private Mono<Void> run(String id, String tenantId, String endpointId, Instant since, Instant until) {
        return db.sql("SELECT message_id FROM dead_letter WHERE tenant_id = :tenant AND endpoint_id = :endpoint "
                        + "AND dead_at >= :since AND dead_at < :until ORDER BY dead_at")
                .bind("tenant", tenantId).bind("endpoint", endpointId).bind("since", since.atOffset(ZoneOffset.UTC))
                .bind("until", until.atOffset(ZoneOffset.UTC)).map(row -> row.get("message_id", String.class)).all()
                .buffer(100)
                .concatMap(ids -> reactor.core.publisher.Flux.fromIterable(ids)
                        .concatMap(m -> deadLetters.take(tenantId, m).flatMap(msg -> requeue(msg, clock.instant())).thenReturn(1)
                                .onErrorResume(MessageNotFound.class, e -> Mono.just(0)))
                        .reduce(0, Integer::sum)
                        .flatMap(n -> db.sql("UPDATE recovery SET requeued = requeued + :n WHERE id = :id").bind("n", n).bind("id", id).then()))
                .then(db.sql("UPDATE recovery SET status = 'done', finished_at = :now WHERE id = :id")
                        .bind("now", clock.instant().atOffset(ZoneOffset.UTC)).bind("id", id).then());
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
                row.get("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
    }
}
