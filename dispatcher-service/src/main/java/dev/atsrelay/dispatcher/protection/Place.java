package dev.atsrelay.dispatcher.protection;

import java.time.Duration;

/**
 * A first delivery's place in its endpoint's queue for a concurrency slot, which the hand-off asks before it writes a
 * retry row: a delivery that waits behind a busy endpoint which is serving its queue is sent soon, and writing it to
 * the database and back would only add work (docs/adr/0014-endpoint-protection.md).
 */
public final class Place {

    private volatile EndpointGuard guard;
    private volatile EndpointGuard.Waiter waiter;

    void queued(EndpointGuard guard, EndpointGuard.Waiter waiter) {
        this.guard = guard;
        this.waiter = waiter;
    }

    /**
     * True while the delivery waits for a slot and, at the pace the endpoint has granted slots since it joined the
     * queue, its turn comes within {@code within}. False once it was sent (or never waited), and while the endpoint
     * grants nothing (hanging: every slot held).
     */
    public boolean turnWithin(Duration within) {
        return turnWithin(within, System.nanoTime());
    }

    boolean turnWithin(Duration within, long nowNanos) {
        EndpointGuard g = guard;
        return g != null && g.turnWithin(waiter, within.toNanos(), nowNanos);
    }
}
