package dev.atsrelay.dispatcher.protection;

import dev.atsrelay.dispatcher.webhook.Classification;
import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One endpoint's protection: its circuit breaker (resilience4j), its rate limit (resilience4j, when the subscription
 * sets one) and its concurrency slots with a bounded, time-limited wait for them. resilience4j's bulkhead either
 * blocks a thread while waiting or does not wait at all, so the slots and their queue are kept here, non-blocking.
 */
public final class EndpointGuard {

    private final CircuitBreaker breaker;
    private volatile int maxConcurrent;
    private final int maxQueued;
    private final Clock clock;
    private final Duration openFor;
    private final Queue<Waiter> waiters = new ArrayDeque<>();
    private int inFlight;
    /** Waiters that ever joined the queue, and that left it (granted a slot, or gone after their wait ran out). */
    private long joined;
    private long left;
    private volatile Instant openedAt = Instant.EPOCH;
    private volatile Limit limit;
    private final AtomicLong nextRateSlot = new AtomicLong();
    /** Releases asked for and not yet done (see {@link #release()}). */
    private final AtomicInteger releasing = new AtomicInteger();

    /** The rate limiter for one configured rate (rebuilt when the subscription's rate changes). */
    private record Limit(int perSecond, RateLimiter limiter) {
    }

    EndpointGuard(CircuitBreaker breaker, int maxConcurrent, int maxQueued, Duration openFor, Clock clock) {
        this.breaker = breaker;
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
        this.openFor = openFor;
        this.clock = clock;
        breaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
            }
        });
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** The breaker is open and its wait has not elapsed: nothing may be sent. */
    boolean open(Instant now) {
        return breaker.getState() == CircuitBreaker.State.OPEN && now.isBefore(openedAt.plus(openFor));
    }

    /** When a deferred delivery should come back: after the open period, spread over a fifth of it. */
    Instant reopensAt(Instant now, double random) {
        Instant base = breaker.getState() == CircuitBreaker.State.OPEN ? openedAt.plus(openFor) : now;
        Instant at = base.plusMillis((long) (openFor.toMillis() * 0.2 * random));
        return at.isBefore(now) ? now : at;
    }

    /** The rate limiter for {@code perSecond} (this instance's share), or null if the endpoint has no limit. */
    RateLimiter limiter(Integer perSecond, int instances, Duration maxWait) {
        if (perSecond == null) {
            limit = null;
            return null;
        }
        Limit current = limit;
        if (current == null || current.perSecond() != perSecond) {
            // one permit per interval: requests are spaced evenly, never more than the rate in any second
            long intervalNanos = Math.max(1, TimeUnit.SECONDS.toNanos(instances) / perSecond);
            current = new Limit(perSecond, RateLimiter.of("endpoint", RateLimiterConfig.custom()
                    .limitForPeriod(1).limitRefreshPeriod(Duration.ofNanos(intervalNanos)).timeoutDuration(maxWait).build()));
            limit = current;
        }
        return current.limiter();
    }

    Integer rateLimitPerSecond() {
        Limit l = limit;
        return l == null ? null : l.perSecond();
    }

    /**
     * A due time for a delivery over the rate limit: one interval after the last one deferred (or after what the
     * limiter has already promised), so deferred deliveries come back at the rate rather than all at once.
     */
    Instant nextRateSlot(Instant now, Duration maxWait, int perSecond, int instances) {
        long interval = Math.max(1, 1000L * instances / perSecond);
        long earliest = now.plus(maxWait).toEpochMilli();
        return Instant.ofEpochMilli(nextRateSlot.accumulateAndGet(earliest, (last, min) -> Math.max(last + interval, min)));
    }

    /**
     * A concurrency slot: true when it is ours, false when the queue is full or the wait ran out. {@code place}, if
     * given, learns where the delivery waits.
     */
    Mono<Boolean> acquire(Duration maxWait, Place place) {
        Mono<Boolean> slot = Mono.create(sink -> {
            Waiter w;
            synchronized (this) {
                if (inFlight < maxConcurrent) {
                    inFlight++;
                    w = null;
                } else if (waiters.size() >= maxQueued) {
                    sink.success(false);
                    return;
                } else {
                    w = new Waiter(sink, joined++, left, System.nanoTime());
                    waiters.add(w);
                }
            }
            if (w == null) {
                sink.success(true);
                return;
            }
            if (place != null) {
                place.queued(this, w);
            }
            sink.onCancel(() -> {
                if (!w.cancel()) {
                    release(); // granted as it was cancelled: pass the slot on
                }
            });
        });
        return slot.timeout(maxWait, Mono.just(false));
    }

    /** Sets the number of slots (the subscription's own, or the default); a raise lets waiting deliveries go at once. */
    void concurrency(int max) {
        if (max == maxConcurrent) {
            return;
        }
        int added;
        synchronized (this) {
            added = Math.max(0, max - maxConcurrent);
            maxConcurrent = max;
            inFlight += added; // taken here, and passed to the waiters (or freed) below
        }
        for (int i = 0; i < added; i++) {
            release();
        }
    }

    /**
     * Frees a slot: the longest-waiting delivery gets it. A granted delivery may give its slot straight back on the
     * same stack (its circuit turned out to be open, or it was cancelled), which frees the next one: those releases
     * are queued here and drained in a loop, never nested, so a long queue cannot overflow the stack — the lost
     * signals and the leaked slot that would follow stop a partition's commits.
     */
    void release() {
        if (releasing.getAndIncrement() != 0) {
            return; // the thread draining releases now frees this slot too
        }
        do {
            releaseOne();
        } while (releasing.decrementAndGet() != 0);
    }

    private void releaseOne() {
        while (true) {
            Waiter next;
            synchronized (this) {
                if (inFlight > maxConcurrent) { // the cap was lowered: this slot is gone
                    inFlight--;
                    return;
                }
                next = waiters.poll();
                if (next == null) {
                    inFlight--;
                    return;
                }
                left++;
            }
            if (next.grant()) {
                return;
            }
        }
    }

    void finished(WebhookResponse result) {
        try {
            if (result == null) {
                breaker.releasePermission();
            } else if (result.classification() == Classification.SUCCEEDED) {
                breaker.onSuccess(result.latency().toNanos(), TimeUnit.NANOSECONDS);
            } else if (result.classification().retryable()) {
                breaker.onError(result.latency().toNanos(), TimeUnit.NANOSECONDS, new EndpointFailure(result));
            } else {
                // gone or refused: the endpoint's health is not the question
                breaker.releasePermission();
            }
        } finally {
            release();
        }
    }

    /**
     * Whether {@code w}, still waiting, gets its slot within {@code withinNanos} at the pace the queue has moved
     * since it joined (the waiters ahead of it over those that left the queue in that time).
     */
    synchronized boolean turnWithin(Waiter w, long withinNanos, long nowNanos) {
        if (w.state.get() != 0) {
            return false;
        }
        long ahead = w.ticket - left;
        long moved = left - w.leftWhenJoined;
        long waited = Math.max(1, nowNanos - w.joinedAt);
        return moved > 0 && (double) ahead * waited <= (double) moved * withinNanos;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return waiters.size();
    }

    int maxConcurrent() {
        return maxConcurrent;
    }

    Instant openedAt() {
        return openedAt;
    }

    /** A delivery waiting for a slot; granted or cancelled exactly once. */
    static final class Waiter {
        private final MonoSink<Boolean> sink;
        private final AtomicInteger state = new AtomicInteger(); // 0 waiting, 1 granted, 2 cancelled
        private final long ticket;
        private final long leftWhenJoined;
        private final long joinedAt;

        /** {@code ticket}: waiters that joined before it; {@code leftWhenJoined}: of those, the ones gone by then. */
        Waiter(MonoSink<Boolean> sink, long ticket, long leftWhenJoined, long joinedAt) {
            this.sink = sink;
            this.ticket = ticket;
            this.leftWhenJoined = leftWhenJoined;
            this.joinedAt = joinedAt;
        }

        boolean grant() {
            if (state.compareAndSet(0, 1)) {
                sink.success(true);
                return true;
            }
            return false;
        }

        boolean cancel() {
            return state.compareAndSet(0, 2);
        }
    }

    /** What the breaker records for a failed attempt (never thrown). */
    static final class EndpointFailure extends RuntimeException {
        EndpointFailure(WebhookResponse r) {
            super(r.error() != null ? r.error() : "HTTP " + r.status(), null, false, false);
        }
    }
}
