package dev.atsrelay.marketplace.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Session metrics with bounded labels only (never a tenant, vendor or session id). The live count and the oldest
 * session are read from the database after every purge and moved along by every open in between.
 */
@Component
public class SessionMetrics {

    /** What a vendor called: read a session, post a result, send a request beyond sessions. */
    public enum Kind { CONTEXT, RESULT, REQUEST }

    /** How the call ended. */
    public enum Outcome { ACCEPTED, NOT_FOUND, INVALID, FAILED }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter opened;
    private final Counter purged;
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong oldestCreatedMillis = new AtomicLong(-1);

    SessionMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.opened = Counter.builder("atsrelay.marketplace.sessions.opened").description("Vendor sessions opened").register(meters);
        this.purged = Counter.builder("atsrelay.marketplace.sessions.purged")
                .description("Vendor sessions deleted with their results at expiry").register(meters);
        Gauge.builder("atsrelay.marketplace.sessions.live", live, AtomicLong::get)
                .description("Vendor sessions not expired yet").register(meters);
        Gauge.builder("atsrelay.marketplace.sessions.oldest.age", this, SessionMetrics::oldestAgeSeconds)
                .description("Age in seconds of the oldest session row still stored (alert well before 604800)")
                .baseUnit("seconds").register(meters);
    }

    void opened(Instant createdAt) {
        opened.increment();
        live.incrementAndGet();
        oldestCreatedMillis.compareAndSet(-1, createdAt.toEpochMilli());
    }

    void purged(long count) {
        purged.increment(count);
    }

    void refreshed(long liveNow, long oldestMillis) {
        live.set(liveNow);
        oldestCreatedMillis.set(oldestMillis);
    }

    public void callback(Kind kind, Outcome outcome) {
        Counter.builder("atsrelay.marketplace.callbacks").description("Vendor API calls, by kind and outcome")
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters).increment();
    }

    /** The outcome an error of a vendor call stands for. */
    public static Outcome outcomeOf(Throwable e) {
        if (e instanceof SessionNotFound || e.getClass().getSimpleName().endsWith("NotFound")) {
            return Outcome.NOT_FOUND;
        }
        return e instanceof dev.atsrelay.marketplace.api.InvalidField ? Outcome.INVALID : Outcome.FAILED;
    }

    private double oldestAgeSeconds() {
        long oldest = oldestCreatedMillis.get();
        return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }
}
