package dev.atsrelay.ingest.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes ingestion idempotent: before an event is published its (tenant, key) is claimed; after Kafka acknowledged
 * it the claim is confirmed. One statement claims a whole batch, one confirms it. A repeat of a confirmed key within
 * the window is a replay; a repeat with other content is refused; a claim another request holds is "in progress".
 */
@Component
public class IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    /** One event to claim: its tenant, idempotency key, id, type and canonical bytes. */
    public record Candidate(String tenant, String key, String eventId, String type, byte[] canonical) {
    }

    /** What a claim found. */
    public enum Verdict {
        /** New (or expired, or abandoned): publish it, then confirm. */
        CLAIMED,
        /** Accepted before within the window: answer as then, publish nothing. */
        REPLAY,
        /** Another request holds the claim right now: retry shortly. */
        IN_PROGRESS,
        /** The key was used for different content within the window. */
        KEY_REUSED
    }

    /** A verdict; {@code token} identifies this request's claim, so that only it confirms or releases it. */
    public record Claim(Candidate candidate, Verdict verdict, String originalEventId, String originalType, java.util.UUID token) {
        Claim(Candidate candidate, Verdict verdict, String originalEventId, String originalType) {
            this(candidate, verdict, originalEventId, originalType, null);
        }
    }

    private final DatabaseClient db;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final java.util.Queue<Claim> toConfirm = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean flushScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final reactor.core.scheduler.Scheduler confirmer = reactor.core.scheduler.Schedulers.newSingle("idempotency-confirm");

    IdempotencyStore(DatabaseClient db, IdempotencyProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims the candidates (keys must be distinct per tenant); one verdict per candidate, in order. */
    public Mono<List<Claim>> claim(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Mono.just(List.of());
        }
        int n = candidates.size();
        String[] tenants = new String[n], keys = new String[n], events = new String[n], types = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            tenants[i] = c.tenant();
            keys[i] = c.key();
            events[i] = c.eventId();
            types[i] = c.type();
            hashes[i] = sha256(c.canonical());
        }
        Instant now = clock.instant();
        java.util.UUID token = java.util.UUID.randomUUID();
        // the common case in one statement, answered by a row count: every key is new
        return db.sql("""
                        INSERT INTO accepted_event (tenant_id, idem_key, event_id, event_type, payload_hash, state, claimed_at,
                                                    claim_token)
                        SELECT t, k, e, ty, decode(h, 'hex'), 'pending', :now, :token
                        FROM unnest(CAST(:tenants AS text[]), CAST(:keys AS text[]), CAST(:events AS text[]),
                                    CAST(:types AS text[]), CAST(:hashes AS text[])) AS i(t, k, e, ty, h)
                        ON CONFLICT (tenant_id, idem_key) DO NOTHING""")
                .bind("tenants", tenants).bind("keys", keys).bind("events", events).bind("types", types)
                .bind("hashes", hashes).bind("now", now.atOffset(ZoneOffset.UTC)).bind("token", token)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == n
                        ? Mono.just(candidates.stream().map(c -> new Claim(c, Verdict.CLAIMED, c.eventId(), c.type(), token)).toList())
                        : claimedBy(token, tenants, keys).flatMap(claimed -> {
                            List<Integer> conflicts = new ArrayList<>();
                            for (int i = 0; i < n; i++) {
                                if (!claimed.contains(tenants[i] + "\n" + keys[i])) {
                                    conflicts.add(i);
                                }
                            }
                            return resolveConflicts(candidates, hashes, conflicts, now, token).map(verdicts -> {
                                List<Claim> claims = new ArrayList<>(n);
                                for (int i = 0; i < n; i++) {
                                    Candidate c = candidates.get(i);
                                    claims.add(verdicts.getOrDefault(i, new Claim(c, Verdict.CLAIMED, c.eventId(), c.type(), token)));
                                }
                                return claims;
                            });
                        }));
    }

    /** Which of these keys this request's insert claimed. */
    private Mono<java.util.Set<String>> claimedBy(java.util.UUID token, String[] tenants, String[] keys) {
        return db.sql("""
                        SELECT a.tenant_id, a.idem_key FROM accepted_event a
                        JOIN unnest(CAST(:tenants AS text[]), CAST(:keys AS text[])) AS i(t, k) ON a.tenant_id = i.t AND a.idem_key = i.k
                        WHERE a.claim_token = :token""")
                .bind("tenants", tenants).bind("keys", keys).bind("token", token)
                .map(row -> row.get("tenant_id", String.class) + "\n" + row.get("idem_key", String.class))
                .all().collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Keys held already: take over those whose window has passed or whose claim was abandoned (compare-and-set on
     * the old claim time); the others are replays, claims in progress, or keys reused for other content.
     */
    private Mono<Map<Integer, Claim>> resolveConflicts(List<Candidate> candidates, String[] hashes, List<Integer> conflicts,
                                                       Instant now, java.util.UUID token) {
        return Flux.fromIterable(conflicts).concatMap(i -> {
            Candidate c = candidates.get(i);
            return db.sql("""
                            UPDATE accepted_event SET event_id = :event, event_type = :type, payload_hash = decode(:hash, 'hex'),
                                   state = 'pending', claimed_at = :now, accepted_at = NULL, claim_token = :token
                            WHERE tenant_id = :tenant AND idem_key = :key
                              AND (claimed_at < :expired OR (state = 'pending' AND claimed_at < :abandoned))""")
                    .bind("event", c.eventId()).bind("type", c.type()).bind("hash", hashes[i])
                    .bind("now", now.atOffset(ZoneOffset.UTC)).bind("tenant", c.tenant()).bind("key", c.key())
                    .bind("token", token)
                    .bind("expired", now.minus(properties.window()).atOffset(ZoneOffset.UTC))
                    .bind("abandoned", now.minus(properties.claimTimeout()).atOffset(ZoneOffset.UTC))
                    .fetch().rowsUpdated()
                    .flatMap(taken -> taken > 0 ? Mono.just(new Claim(c, Verdict.CLAIMED, c.eventId(), c.type(), token))
                            : db.sql("SELECT state, encode(payload_hash, 'hex') AS hash, event_id, event_type FROM accepted_event "
                                            + "WHERE tenant_id = :tenant AND idem_key = :key")
                                    .bind("tenant", c.tenant()).bind("key", c.key())
                                    .map(row -> verdict(c, hashes[i], row.get("state", String.class), row.get("hash", String.class),
                                            row.get("event_id", String.class), row.get("event_type", String.class)))
                                    .one()
                                    // released between the insert and this read: the next attempt will claim it
                                    .defaultIfEmpty(new Claim(c, Verdict.IN_PROGRESS, c.eventId(), c.type())))
                    .map(claim -> Map.entry(i, claim));
        }).collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Claim verdict(Candidate c, String hash, String state, String storedHash, String eventId, String type) {
        if (!hash.equals(storedHash)) {
            return new Claim(c, Verdict.KEY_REUSED, eventId, type);
        }
        return new Claim(c, "accepted".equals(state) ? Verdict.REPLAY : Verdict.IN_PROGRESS, eventId, type);
    }

    /**
     * Confirms claims whose events Kafka acknowledged. The update is coalesced with other requests' confirmations and
     * written a few milliseconds later, off the answer's path: until then a repeat of the key is told "in progress";
     * if the instance dies before, the claim is taken over after the claim timeout and the event may be published
     * once more with the same id (the dispatcher derives the same webhook-id from it).
     */
    public Mono<Void> confirm(List<Claim> published) {
        if (!published.isEmpty()) {
            toConfirm.addAll(published);
            if (flushScheduled.compareAndSet(false, true)) {
                confirmer.schedule(this::flushConfirmations, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return Mono.empty();
    }

    private void flushConfirmations() {
        List<Claim> batch = new ArrayList<>();
        Claim c;
        while (batch.size() < 5_000 && (c = toConfirm.poll()) != null) {
            batch.add(c);
        }
        db.sql("UPDATE accepted_event SET state = 'accepted', accepted_at = :now WHERE state = 'pending' AND "
                        + "(tenant_id, idem_key, claim_token) IN (SELECT * FROM unnest(CAST(:tenants AS text[]), "
                        + "CAST(:keys AS text[]), CAST(:tokens AS uuid[])))")
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("tenants", tenants(batch)).bind("keys", keys(batch)).bind("tokens", tokens(batch))
                .then()
                .doOnError(e -> {
                    log.warn("cannot confirm {} claims yet, retrying: {}", batch.size(), e.toString());
                    toConfirm.addAll(batch);
                })
                .onErrorComplete()
                .doFinally(signal -> {
                    flushScheduled.set(false);
                    if (!toConfirm.isEmpty() && flushScheduled.compareAndSet(false, true)) {
                        confirmer.schedule(this::flushConfirmations, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                })
                .subscribe();
    }

    /** Gives up claims whose events Kafka did not acknowledge, so that a retry may publish them. */
    public Mono<Void> release(List<Claim> failed) {
        if (failed.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM accepted_event WHERE state = 'pending' AND (tenant_id, idem_key, claim_token) IN "
                        + "(SELECT * FROM unnest(CAST(:tenants AS text[]), CAST(:keys AS text[]), CAST(:tokens AS uuid[])))")
                .bind("tenants", tenants(failed)).bind("keys", keys(failed)).bind("tokens", tokens(failed))
                .then();
    }

    private static String[] tenants(List<Claim> claims) {
        return claims.stream().map(c -> c.candidate().tenant()).toArray(String[]::new);
    }

    private static String[] keys(List<Claim> claims) {
        return claims.stream().map(c -> c.candidate().key()).toArray(String[]::new);
    }

    private static java.util.UUID[] tokens(List<Claim> claims) {
        return claims.stream().map(Claim::token).toArray(java.util.UUID[]::new);
    }

    /** Forgets keys older than the window, a bounded slice at a time so that the purge never holds long locks. */
    @Scheduled(fixedDelayString = "${atsrelay.ingest.idempotency.purge-interval:PT1M}")
    void purge() {
        try {
            Long deleted;
            do {
                deleted = db.sql("DELETE FROM accepted_event WHERE ctid = ANY(ARRAY(SELECT ctid FROM accepted_event "
                                + "WHERE claimed_at < :expired LIMIT 10000))")
                        .bind("expired", clock.instant().minus(properties.window()).atOffset(ZoneOffset.UTC))
                        .fetch().rowsUpdated().block();
            } while (deleted != null && deleted == 10000);
        } catch (RuntimeException e) {
            log.warn("idempotency purge failed, will retry: {}", e.toString());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
