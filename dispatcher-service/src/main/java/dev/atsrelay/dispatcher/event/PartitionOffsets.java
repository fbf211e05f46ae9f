package dev.atsrelay.dispatcher.event;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The offsets of one partition that are being dispatched. Records complete in any order; the offset that may be
 * committed is the lowest one still incomplete, so a commit never skips a record whose deliveries are not yet
 * done or durably scheduled. Thread-safe: completions arrive from delivery threads.
 */
final class PartitionOffsets {

    private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    private final Set<Long> completedOutOfOrder = new HashSet<>();
    private long next = -1;
    private long committed = -1;

    synchronized void started(long offset) {
        inFlight.addLast(offset);
        next = offset + 1;
    }

    synchronized void completed(long offset) {
        Long head = inFlight.peekFirst();
        if (head != null && head == offset) {
            inFlight.pollFirst();
            while (!inFlight.isEmpty() && completedOutOfOrder.remove(inFlight.peekFirst())) {
                inFlight.pollFirst();
            }
        } else {
            completedOutOfOrder.add(offset);
        }
    }

    /** Records being dispatched now (started, not completed). */
    synchronized int inFlight() {
        return inFlight.size() - completedOutOfOrder.size();
    }

    /** Records past the commit point: in flight, or completed behind one that is not. */
    synchronized int uncommitted() {
        return inFlight.size();
    }

    /**
     * The offset after the last record dispatched, when every record dispatched is done (nothing in flight, none
     * behind a record that is not): no record at or past it was dispatched. Empty while a record is in flight, or if
     * none was dispatched.
     */
    synchronized OptionalLong settled() {
        if (!inFlight.isEmpty() || next < 0) {
            return OptionalLong.empty();
        }
        committed = next;
        return OptionalLong.of(next);
    }

    /** The offset to commit (the next record to read after a restart), if it moved since the last call. */
    synchronized OptionalLong advance() {
        long commitPoint = inFlight.isEmpty() ? next : inFlight.peekFirst();
        if (commitPoint < 0 || commitPoint == committed) {
            return OptionalLong.empty();
        }
        committed = commitPoint;
        return OptionalLong.of(commitPoint);
    }
}
