package dev.atsrelay.dispatcher.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * FIFO lanes of ordered subscriptions — one endpoint, one ordering key — as this instance sees them. A lane is idle
 * (its next message may be sent straight from the stream), busy (one message in flight from here), or durable (it
 * has retry rows: every new message joins them, behind, and the retry worker sends them one at a time, in order).
 * Which lanes are durable is read back from the retry table regularly, since another instance may empty a lane.
 */
@Component
class Lanes {

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile Consumer<String> onReleased = lane -> { };

    private static final class Lane {
        Supplier<Mono<Void>> headHandOff; // the in-flight head's hand-off; null when none is in flight from here
        boolean durable;
        int writing;                      // rows being written behind the head
        boolean written;
        long lastWritten;                 // System.nanoTime() when the last row of this lane was durable

        void wrote() {
            written = true;
            lastWritten = System.nanoTime();
        }
    }

    /** What a new message of a lane does: go now as the lane's head, or join the rows behind the current head. */
    record Entry(boolean goNow, Supplier<Mono<Void>> headHandOff) {
    }

    /**
     * Enters a message into its lane. If it goes now, {@code handOff} makes it durable should another message join
     * the lane while it is in flight (its row must precede theirs).
     */
    Entry enter(String lane, Supplier<Mono<Void>> handOff) {
        Lane l = lanes.computeIfAbsent(lane, k -> new Lane());
        synchronized (l) {
            if (!l.durable && l.headHandOff == null) {
                l.headHandOff = handOff;
                return new Entry(true, null);
            }
            l.durable = true;
            l.writing++;
            return new Entry(false, l.headHandOff);
        }
    }

    /** A row written behind the head (or the write failed) — see {@link #refresh}. */
    void written(String lane) {
        Lane l = lanes.get(lane);
        if (l != null) {
            synchronized (l) {
                l.writing--;
                l.wrote();
            }
        }
    }

    /** The head sent from here is done: {@code finished} (delivered or dead) or left as a retry row. */
    void headDone(String lane, boolean finished) {
        Lane l = lanes.get(lane);
        if (l == null) {
            return;
        }
        boolean followers;
        synchronized (l) {
            l.headHandOff = null;
            if (!finished) {
                l.durable = true;
                l.wrote();
            }
            followers = l.durable;
        }
        if (followers) {
            onReleased.accept(lane);
        } else {
            lanes.remove(lane, l);
        }
    }

    /** Called with a lane whose next row may be attempted now. */
    void onReleased(Consumer<String> listener) {
        this.onReleased = listener;
    }

    /**
     * Takes in which lanes have retry rows, as read by a query that started at {@code queryStartedNanos}: a lane with
     * none becomes idle unless it wrote a row the query may not have seen.
     */
    void refresh(Set<String> durable, long queryStartedNanos) {
        for (String lane : durable) {
            Lane l = lanes.computeIfAbsent(lane, k -> new Lane());
            synchronized (l) {
                l.durable = true;
            }
        }
        lanes.forEach((lane, l) -> {
            if (!durable.contains(lane)) {
                synchronized (l) {
                    if (l.writing == 0 && (!l.written || l.lastWritten - queryStartedNanos < 0)) {
                        l.durable = false;
                    }
                }
                if (!l.durable && l.headHandOff == null) {
                    lanes.remove(lane, l);
                }
            }
        });
    }
}
