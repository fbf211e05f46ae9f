package dev.atsrelay.marketplace.platform;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How long the broker may keep a record of a session-carrying topic after it was written: {@code retention.ms +
 * segment.ms}, the longest over those topics, as read from the broker when the service starts (Kafka deletes whole
 * segments only). A session accepts results only while a record written now is gone before the session's data must be.
 */
@Component
public class RecordRetention {

    private volatile Duration longest;

    /** Set by the start-up check of the topics' effective configuration. */
    public void set(Duration longest) {
        if (longest.isNegative()) {
            throw new IllegalArgumentException("a retention cannot be negative: " + longest);
        }
        this.longest = longest;
    }

    public Duration longest() {
        Duration d = longest;
        if (d == null) {
            throw new IllegalStateException("the session-carrying topics have not been checked yet");
        }
        return d;
    }
}
