package dev.atsrelay.dispatcher.event;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

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
     * The last commit of a partition its owner lets go. When every record dispatched is done (nothing in flight, none
     * behind a record that is not), it is the offset after the last one, marked as a clean handover: no record past it
     * was dispatched, so the next owner need not look them up ({@link ReadAgainRanges}). Otherwise the commit point, if
     * it moved; empty if nothing was dispatched.
     */
    synchronized Optional<OffsetAndMetadata> lastCommit() {
        if (inFlight.isEmpty() && next >= 0) {
            committed = next;
            return Optional.of(new OffsetAndMetadata(next, ReadAgainRanges.CLEAN_HANDOVER));
        }
        OptionalLong advanced = advance();
        return advanced.isPresent() ? Optional.of(new OffsetAndMetadata(advanced.getAsLong())) : Optional.empty();
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
