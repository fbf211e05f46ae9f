package dev.atsrelay.ingest.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
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

    public record Claim(Candidate candidate, Verdict verdict, String originalEventId, String originalType) {
    }

    private final DatabaseClient db;
    private final IdempotencyProperties properties;
    private final Clock clock;

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
        return db.sql("""
                        WITH input AS (
                            SELECT * FROM unnest(CAST(:tenants AS text[]), CAST(:keys AS text[]), CAST(:events AS text[]),
                                                 CAST(:types AS text[]), CAST(:hashes AS text[])) AS i(t, k, e, ty, h)),
                        claimed AS (
                            INSERT INTO accepted_event AS a (tenant_id, idem_key, event_id, event_type, payload_hash, state, claimed_at)
                            SELECT t, k, e, ty, decode(h, 'hex'), 'pending', :now FROM input
                            ON CONFLICT (tenant_id, idem_key) DO UPDATE
                                SET event_id = excluded.event_id, event_type = excluded.event_type,
                                    payload_hash = excluded.payload_hash, state = 'pending', claimed_at = :now, accepted_at = NULL
                                WHERE a.claimed_at < :expired OR (a.state = 'pending' AND a.claimed_at < :abandoned)
                            RETURNING tenant_id, idem_key)
                        SELECT i.t, i.k, c.idem_key IS NOT NULL AS claimed, a.state, encode(a.payload_hash, 'hex') AS hash,
                               a.event_id, a.event_type
                        FROM input i
                        LEFT JOIN claimed c ON c.tenant_id = i.t AND c.idem_key = i.k
                        LEFT JOIN accepted_event a ON a.tenant_id = i.t AND a.idem_key = i.k""")
                .bind("tenants", tenants).bind("keys", keys).bind("events", events).bind("types", types)
                .bind("hashes", hashes).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("expired", now.minus(properties.window()).atOffset(ZoneOffset.UTC))
                .bind("abandoned", now.minus(properties.claimTimeout()).atOffset(ZoneOffset.UTC))
                .map(row -> new Object[] {row.get("t", String.class) + "\n" + row.get("k", String.class),
                        row.get("claimed", Boolean.class), row.get("state", String.class), row.get("hash", String.class),
                        row.get("event_id", String.class), row.get("event_type", String.class)})
                .all().collectList()
                .map(rows -> {
                    Map<String, Object[]> byKey = new HashMap<>();
                    rows.forEach(r -> byKey.put((String) r[0], r));
                    List<Claim> claims = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        claims.add(verdict(candidates.get(i), hashes[i], byKey.get(tenants[i] + "\n" + keys[i])));
                    }
                    return claims;
                });
    }

    private static Claim verdict(Candidate c, String hash, Object[] row) {
        if (Boolean.TRUE.equals(row[1])) {
            return new Claim(c, Verdict.CLAIMED, c.eventId(), c.type());
        }
        if (!hash.equals(row[3])) {
            return new Claim(c, Verdict.KEY_REUSED, (String) row[4], (String) row[5]);
        }
        return new Claim(c, "accepted".equals(row[2]) ? Verdict.REPLAY : Verdict.IN_PROGRESS, (String) row[4], (String) row[5]);
    }

    /** Confirms claims whose events Kafka acknowledged. */
    public Mono<Void> confirm(List<Candidate> published) {
        if (published.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE accepted_event SET state = 'accepted', accepted_at = :now WHERE (tenant_id, idem_key) IN "
                        + "(SELECT * FROM unnest(CAST(:tenants AS text[]), CAST(:keys AS text[])))")
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("tenants", tenants(published)).bind("keys", keys(published))
                .then();
    }

    /** Gives up claims whose events Kafka did not acknowledge, so that a retry may publish them. */
    public Mono<Void> release(List<Candidate> failed) {
        if (failed.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM accepted_event WHERE state = 'pending' AND (tenant_id, idem_key) IN "
                        + "(SELECT * FROM unnest(CAST(:tenants AS text[]), CAST(:keys AS text[])))")
                .bind("tenants", tenants(failed)).bind("keys", keys(failed))
                .then();
    }

    private static String[] tenants(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::tenant).toArray(String[]::new);
    }

    private static String[] keys(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::key).toArray(String[]::new);
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
