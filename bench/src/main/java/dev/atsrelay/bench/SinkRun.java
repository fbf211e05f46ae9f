package dev.atsrelay.bench;

import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one measured run expects at the sink and what arrived: the distinct message ids seen and delivered (answered
 * 2xx), request counts, the receipt times that bound the run's windows, and optionally each delivery's latency from
 * the event's {@code time}. Thread-safe: the sink's event loops record into it concurrently.
 */
final class SinkRun {

    final String name;
    /** Verifies our deliveries' signatures; null for the peer and the raw client, which do not sign. */
    final Webhook verifier;
    /** The fraction of first deliveries (per id) answered 503; later tries of the same id get 204. */
    final double failFirst;
    final boolean latency;

    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final Set<String> delivered = ConcurrentHashMap.newKeySet();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong successes = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong first = new AtomicLong();
    private volatile long lastNew;
    private volatile long lastSuccess;
    private volatile long successesAtLastNew;

    SinkRun(String name, String secret, double failFirst, boolean latency) {
        this.name = name;
        this.verifier = secret == null ? null : new Webhook(secret);
        this.failFirst = failFirst;
        this.latency = latency;
    }

    /** Records one request for message {@code id}; returns the status to answer. */
    int arrived(String id, byte[] body) {
        long now = System.nanoTime();
        first.compareAndSet(0, now);
        requests.incrementAndGet();
        boolean isNew = seen.add(id);
        if (isNew && failFirst > 0 && ThreadLocalRandom.current().nextDouble() < failFirst) {
            refused.incrementAndGet();
            lastNew = now;
            successesAtLastNew = successes.get();
            return 503;
        }
        delivered.add(id);
        long ok = successes.incrementAndGet();
        lastSuccess = now;
        if (isNew) {
            lastNew = now;
            successesAtLastNew = ok;
        }
        if (latency) {
            latencies.add(latencyMicros(body));
        }
        return 204;
    }

    /** Seconds from the first request to the last first-seen id: the window of the first-attempt stream. */
    double firstAttemptWindowSeconds() {
        return (lastNew - first.get()) / 1e9;
    }

    /** 2xx answers given up to the moment the last new id arrived. */
    long successesInFirstAttemptWindow() {
        return successesAtLastNew;
    }

    /** Seconds from the first request to the last 2xx. */
    double successWindowSeconds() {
        return (lastSuccess - first.get()) / 1e9;
    }

    /** Distinct ids delivered per second, over the first request to the last 2xx. */
    double deliveredPerSecond() {
        return delivered.size() / successWindowSeconds();
    }

    /** The latencies recorded, sorted, in microseconds. */
    List<Long> sortedLatencies() {
        List<Long> all = new ArrayList<>(latencies);
        all.sort(null);
        return all;
    }

    /** Microseconds from the CloudEvent {@code time} (set by the producer when it sent the event) to now. */
    private static long latencyMicros(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        int start = text.indexOf("\"time\":\"") + 8;
        Instant time = Instant.parse(text.substring(start, text.indexOf('"', start)));
        return Duration.between(time, Instant.now()).toNanos() / 1000;
    }
}
