package dev.atsrelay.dispatcher.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes attempts in batches: one multi-row INSERT per batch rather than a round trip per delivery. A caller's Mono
 * completes when its row is stored, so the Kafka offset is committed only after the attempt is on record.
 */
@Component
class AttemptLog {

    private static final Logger log = LoggerFactory.getLogger(AttemptLog.class);
    private static final int MAX_BATCH = 1000;
    private static final int MAX_CONCURRENT_FLUSHES = 2;

    private record Pending(Attempt attempt, CompletableFuture<Void> stored) {
    }

    private final DatabaseClient db;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore flushes = new Semaphore(MAX_CONCURRENT_FLUSHES);
    private final Scheduler scheduler = Schedulers.newSingle("attempt-log");

    AttemptLog(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> record(Attempt attempt) {
        return Mono.defer(() -> {
            var pending = new Pending(attempt, new CompletableFuture<>());
            queue.add(pending);
            scheduleFlush();
            return Mono.fromFuture(pending.stored());
        });
    }

    private void scheduleFlush() {
        if (!queue.isEmpty() && flushes.tryAcquire()) {
            // a short pause lets concurrent deliveries join the batch
            scheduler.schedule(this::flush, 2, TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            flushes.release();
            scheduleFlush();
            return;
        }
        insert(batch.stream().map(Pending::attempt).toList())
                .doFinally(signal -> {
                    flushes.release();
                    scheduleFlush();
                })
                .subscribe(done -> { }, error -> {
                    log.error("cannot store {} attempts; their deliveries will be redone", batch.size(), error);
                    batch.forEach(b -> b.stored().completeExceptionally(error));
                }, () -> batch.forEach(b -> b.stored().complete(null)));
    }

    private Mono<Void> insert(List<Attempt> attempts) {
        int n = attempts.size();
        String[] tenant = new String[n], endpoint = new String[n], message = new String[n], event = new String[n],
                type = new String[n], outcome = new String[n], excerpt = new String[n], error = new String[n],
                topic = new String[n];
        Integer[] attemptNo = new Integer[n], status = new Integer[n], partition = new Integer[n];
        Long[] latency = new Long[n], at = new Long[n], offset = new Long[n], sessionExpiry = new Long[n];
        for (int i = 0; i < n; i++) {
            Attempt a = attempts.get(i);
            tenant[i] = a.tenantId();
            endpoint[i] = a.endpointId();
            message[i] = a.messageId();
            event[i] = a.eventId();
            type[i] = a.eventType();
            outcome[i] = a.outcome();
            excerpt[i] = a.responseExcerpt() == null ? "" : a.responseExcerpt();
            error[i] = a.error() == null ? "" : a.error();
            attemptNo[i] = a.attemptNo();
            status[i] = a.httpStatus();
            latency[i] = a.latencyMs();
            at[i] = a.attemptedAt().toEpochMilli();
            topic[i] = a.source() == null ? "" : a.source().topic();
            partition[i] = a.source() == null ? -1 : a.source().partition();
            offset[i] = a.source() == null ? -1 : a.source().offset();
            sessionExpiry[i] = a.sessionExpiresAt() == null ? -1 : a.sessionExpiresAt().toEpochMilli();
        }
        return db.sql("""
                        INSERT INTO attempt (tenant_id, endpoint_id, message_id, event_id, event_type, attempt_no, outcome,
                                             http_status, latency_ms, response_excerpt, error, attempted_at,
                                             source_topic, source_partition, source_offset, session_expires_at)
                        SELECT t, e, m, ev, ty, n, o, NULLIF(s, 0), l, NULLIF(r, ''), NULLIF(er, ''),
                               to_timestamp(at / 1000.0), NULLIF(tp, ''), NULLIF(pa, -1), NULLIF(os, -1),
                               CASE WHEN se < 0 THEN NULL ELSE to_timestamp(se / 1000.0) END
                        FROM unnest(CAST(:tenant AS text[]), CAST(:endpoint AS text[]), CAST(:message AS text[]),
                                    CAST(:event AS text[]), CAST(:type AS text[]), CAST(:attemptNo AS int[]),
                                    CAST(:outcome AS text[]), CAST(:status AS int[]), CAST(:latency AS bigint[]),
                                    CAST(:excerpt AS text[]), CAST(:error AS text[]), CAST(:at AS bigint[]),
                                    CAST(:topic AS text[]), CAST(:partition AS int[]), CAST(:offset AS bigint[]),
                                    CAST(:sessionExpiry AS bigint[]))
                             AS u(t, e, m, ev, ty, n, o, s, l, r, er, at, tp, pa, os, se)""")
                .bind("tenant", tenant).bind("endpoint", endpoint).bind("message", message).bind("event", event)
                .bind("type", type).bind("attemptNo", attemptNo).bind("outcome", outcome).bind("status", status)
                .bind("latency", latency).bind("excerpt", excerpt).bind("error", error).bind("at", at)
                .bind("topic", topic).bind("partition", partition).bind("offset", offset).bind("sessionExpiry", sessionExpiry)
                .then();
    }
}
