package dev.atsrelay.dispatcher.protection;

import dev.atsrelay.dispatcher.protection.Admission.Admitted;
import dev.atsrelay.dispatcher.protection.Admission.Deferred;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per-endpoint protection (docs/adr/0014-endpoint-protection.md): one broken, slow or rate-limited endpoint never
 * slows down anyone else's deliveries. Before each attempt: is the endpoint's circuit open? is it at its rate limit?
 * is a concurrency slot free (waiting a bounded time for one)? If not, the delivery is deferred — it goes to the retry
 * schedule without touching the endpoint and without counting as an attempt.
 */
@Component
public class EndpointProtection {

    public static final String CIRCUIT_OPEN = "circuit_open";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String CONCURRENCY_LIMIT = "concurrency_limit";

    private final ProtectionProperties properties;
    private final Clock clock;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, EndpointGuard> guards = new ConcurrentHashMap<>();
    private final Map<String, Counter> deferrals;

    EndpointProtection(ProtectionProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.clock = clock;
        var b = properties.breaker();
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindow(b.window(), b.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(b.failureRate())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(b.probes())
                .clock(clock)
                .build();
        this.deferrals = Map.of(CIRCUIT_OPEN, deferrals(meters, CIRCUIT_OPEN), RATE_LIMITED, deferrals(meters, RATE_LIMITED),
                CONCURRENCY_LIMIT, deferrals(meters, CONCURRENCY_LIMIT));
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN}) {
            Gauge.builder("atsrelay.dispatcher.endpoints.circuit", guards,
                            g -> g.values().stream().filter(e -> e.breaker().getState() == state).count())
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Endpoints whose circuit breaker is in this state (endpoints that had a delivery since start)")
                    .register(meters);
        }
        Gauge.builder("atsrelay.dispatcher.endpoints.queued", guards, g -> g.values().stream().mapToInt(EndpointGuard::queued).sum())
                .description("Deliveries waiting for a concurrency slot of their endpoint").register(meters);
        Gauge.builder("atsrelay.dispatcher.endpoints.in.flight", guards, g -> g.values().stream().mapToInt(EndpointGuard::inFlight).sum())
                .description("Requests to endpoints in flight").register(meters);
    }

    private static Counter deferrals(MeterRegistry meters, String reason) {
        return Counter.builder("atsrelay.dispatcher.deferrals").tag("reason", reason)
                .description("Deliveries deferred to the retry schedule without an attempt, by reason").register(meters);
    }

    /**
     * Whether a delivery to the endpoint may be sent now. Completes when it may (after a short in-memory wait for the
     * rate limit or a concurrency slot) or when it is deferred. {@code maxConcurrent} is the subscription's own cap
     * (null = {@code max-concurrent}); {@code place}, if given, learns where the delivery waits for a slot.
     */
    public Mono<Admission> admit(String endpointId, Integer rateLimitPerSecond, Integer maxConcurrent, Place place) {
        EndpointGuard g = guards.computeIfAbsent(endpointId, id -> new EndpointGuard(CircuitBreaker.of(id, breakerConfig),
                properties.maxConcurrent(), properties.maxQueued(), properties.breaker().openFor(), clock));
        g.concurrency(maxConcurrent != null ? maxConcurrent : properties.maxConcurrent());
        Instant now = clock.instant();
        if (g.open(now)) {
            return Mono.just(deferred(g.reopensAt(now, ThreadLocalRandom.current().nextDouble()), CIRCUIT_OPEN));
        }
        Duration wait = Duration.ZERO;
        RateLimiter limiter = g.limiter(rateLimitPerSecond, properties.instances(), properties.maxRateWait());
        if (limiter != null) {
            long nanos = limiter.reservePermission();
            if (nanos < 0) {
                return Mono.just(deferred(g.nextRateSlot(now, properties.maxRateWait(), rateLimitPerSecond, properties.instances()),
                        RATE_LIMITED));
            }
            wait = Duration.ofNanos(nanos);
        }
        Mono<Admission> slot = g.acquire(properties.maxQueueWait(), place).map(acquired -> {
            Instant at = clock.instant();
            if (!acquired) {
                return deferred(at.plus(properties.maxQueueWait()), CONCURRENCY_LIMIT);
            }
            if (!g.breaker().tryAcquirePermission()) {
                g.release();
                return deferred(g.reopensAt(at, ThreadLocalRandom.current().nextDouble()), CIRCUIT_OPEN);
            }
            return new Admitted(g);
        });
        return wait.isZero() ? slot : Mono.delay(wait).then(slot);
    }

    private Deferred deferred(Instant until, String reason) {
        deferrals.get(reason).increment();
        return new Deferred(until, reason);
    }

    /** The endpoint's protection as the operator API shows it; null if nothing was sent to it since start. */
    public View view(String endpointId) {
        EndpointGuard g = guards.get(endpointId);
        if (g == null) {
            return null;
        }
        var metrics = g.breaker().getMetrics();
        CircuitBreaker.State state = g.breaker().getState();
        return new View(state.name().toLowerCase(Locale.ROOT), metrics.getFailureRate(), metrics.getNumberOfBufferedCalls(),
                state == CircuitBreaker.State.OPEN ? g.openedAt().plus(properties.breaker().openFor()) : null,
                g.rateLimitPerSecond(), g.maxConcurrent(), g.inFlight(), g.queued());
    }

    /**
     * @param circuit      {@code closed}, {@code open} or {@code half_open}
     * @param failureRate  percentage of the recent calls that failed; -1 until enough calls were made
     * @param openUntil    when an open circuit lets probes through
     */
    public record View(String circuit, float failureRate, int recentCalls, Instant openUntil, Integer rateLimitPerSecond,
                       int maxConcurrent, int inFlight, int queued) {
    }
}
