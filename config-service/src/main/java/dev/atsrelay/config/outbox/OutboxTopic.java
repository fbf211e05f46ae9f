package dev.atsrelay.config.outbox;

/** The topics the outbox feeds; the row stores the logical name, the relay resolves the real one (with the prefix). */
public enum OutboxTopic {
    /** Compacted: the latest state of every configuration record, keyed by record; a null value deletes. */
    CONFIG,
    /** The platform's own events: config-service writes one {@code action.invoked} per record of a custom-action run. */
    PLATFORM
}
