package dev.atsrelay.dispatcher.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The hand-off's question to the queue: is this delivery's turn near, at the pace the queue moves? */
class EndpointGuardTests {

    private static final Duration HANDOFF = Duration.ofSeconds(2);
    private static final long SECOND = 1_000_000_000L;

    private final EndpointGuard guard = new EndpointGuard(CircuitBreaker.ofDefaults("endpoint"), 1, 100, Duration.ofSeconds(30),
            Clock.systemUTC());

    @Test
    void aQueueThatDoesNotMoveNeverPromisesATurn() {
        assertThat(acquire(null).get()).isTrue(); // the one slot, held (a hanging request)
        List<Place> places = queue(3);
        long now = System.nanoTime();
        assertThat(places).noneMatch(p -> p.turnWithin(HANDOFF, now + SECOND));
    }

    @Test
    void aWaiterIsNearWhenTheQueueAheadOfItMovesFastEnough() {
        assertThat(acquire(null).get()).isTrue();
        List<Place> places = queue(5);
        guard.release(); // the first two waiters get the slot in turn
        guard.release();
        long now = System.nanoTime();
        assertThat(places.get(0).turnWithin(HANDOFF, now)).as("sent already").isFalse();
        assertThat(places.get(1).turnWithin(HANDOFF, now)).as("sent already").isFalse();
        assertThat(places.get(2).turnWithin(HANDOFF, now + SECOND)).as("next in line").isTrue();
        // two ahead of it, and two moved on since it joined: its turn comes in about as long again as it has waited
        assertThat(places.get(4).turnWithin(HANDOFF, now + SECOND)).as("waited 1 s, about 1 s to go").isTrue();
        assertThat(places.get(4).turnWithin(HANDOFF, now + 3 * SECOND)).as("waited 3 s, about 3 s to go").isFalse();
    }

    @Test
    void aDeliveryThatNeverWaitedHasNoPlace() {
        Place place = new Place();
        assertThat(acquire(place).get()).isTrue();
        assertThat(place.turnWithin(HANDOFF)).isFalse();
    }

    @Test
    void aSubscriptionsOwnCapIsHeldAndARaiseLetsWaitersGo() {
        guard.concurrency(2);
        assertThat(acquire(null).get()).isTrue();
        assertThat(acquire(null).get()).isTrue();
        var third = acquire(null);
        var fourth = acquire(null);
        assertThat(third.get()).as("over the cap of 2").isNull();
        guard.concurrency(3);
        assertThat(third.get()).as("the raise frees a slot").isTrue();
        assertThat(fourth.get()).isNull();
        guard.concurrency(1); // three in flight: the next two that finish free no slot
        guard.release();
        guard.release();
        assertThat(fourth.get()).isNull();
        guard.release();
        assertThat(fourth.get()).as("one in flight under a cap of 1 once the others finished").isTrue();
        assertThat(guard.inFlight()).isEqualTo(1);
    }

    @Test
    void aLongQueueThatGivesEachSlotStraightBackDoesNotOverflowTheStack() {
        // each waiter, once granted, frees its slot on the same stack, as a delivery does whose circuit is open
        int waiting = 20_000;
        var deep = new EndpointGuard(CircuitBreaker.ofDefaults("deep"), 1, waiting, Duration.ofSeconds(30), Clock.systemUTC());
        deep.acquire(Duration.ofMinutes(1), null).subscribe();
        var granted = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < waiting; i++) {
            deep.acquire(Duration.ofMinutes(1), null).subscribe(ok -> {
                assertThat(ok).as("granted, not refused").isTrue();
                granted.incrementAndGet();
                deep.release();
            });
        }
        assertThat(deep.queued()).isEqualTo(waiting);
        deep.release(); // the held slot: every waiter in turn gets it and gives it back
        assertThat(granted).hasValue(waiting);
        assertThat(deep.inFlight()).isZero();
        assertThat(deep.queued()).isZero();
    }

    private List<Place> queue(int n) {
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Place p = new Place();
            assertThat(acquire(p).get()).as("waiting").isNull();
            places.add(p);
        }
        return places;
    }

    /** Subscribes to a slot; the reference holds true once granted, null while waiting. */
    private AtomicReference<Boolean> acquire(Place place) {
        AtomicReference<Boolean> granted = new AtomicReference<>();
        guard.acquire(Duration.ofMinutes(1), place).subscribe(granted::set);
        return granted;
    }
}
