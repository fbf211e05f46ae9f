package dev.atsrelay.config.outbox;

/** The topics the outbox feeds; the row stores the logical name, the relay resolves the real one. */
public enum OutboxTopic {
    /** Compacted: the latest state of every configuration record, keyed by record; a null value deletes. */
    CONFIG
}
