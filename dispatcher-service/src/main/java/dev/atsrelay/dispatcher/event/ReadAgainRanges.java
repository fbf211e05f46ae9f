package dev.atsrelay.dispatcher.event;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of each partition taken over that its previous owner may have dispatched already: from the committed
 * offset up to the partition's end at the handover (a record written later cannot have been dispatched by anyone), at
 * most {@code window} records. Their messages are checked before they are sent ({@code Redeliveries}). None when the
 * committed offset is marked {@link #CLEAN_HANDOVER}: its owner let go with every record it had dispatched done. Used
 * by the consumer's own thread only.
 */
final class ReadAgainRanges {

    /** Commit metadata of a partition's last commit by an owner that had nothing in flight past it. */
    static final String CLEAN_HANDOVER = "atsrelay:clean-handover";

    private static final Logger log = LoggerFactory.getLogger(ReadAgainRanges.class);

    private final long window;
    private final Map<TopicPartition, Long> below = new HashMap<>();

    ReadAgainRanges(long window) {
        this.window = window;
    }

    /** Notes the ranges of newly assigned partitions (in the rebalance callback, where position() may block). */
    void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(10));
            for (TopicPartition tp : partitions) {
                long from = consumer.position(tp, Duration.ofSeconds(10));
                long end = Math.min(ends.getOrDefault(tp, from), from + window);
                OffsetAndMetadata last = committed.get(tp);
                boolean clean = last != null && last.offset() == from && CLEAN_HANDOVER.equals(last.metadata());
                if (end > from && !clean) {
                    below.put(tp, end);
                } else {
                    below.remove(tp);
                }
            }
        } catch (RuntimeException e) {
            // without the ranges, records read again are sent again: at least once still holds
            log.warn("cannot read the positions of the partitions taken over ({}); records the previous owner "
                    + "dispatched may be sent again", e.toString());
        }
    }

    boolean contains(TopicPartition tp, long offset) {
        Long end = below.get(tp);
        return end != null && offset < end;
    }

    void forget(TopicPartition tp) {
        below.remove(tp);
    }
}
