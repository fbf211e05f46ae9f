package dev.atsrelay.config.run;

import java.time.Instant;
import java.util.Optional;

/**
 * The delivery progress of one record of a run, and how an outcome report changes it. Reports arrive at least once
 * and possibly out of order, so: {@code delivered} always wins (a replay may deliver a record that had failed);
 * {@code failed} wins over a pending record; {@code retrying} only updates a pending record's attempts and last
 * status or error; a report about an attempt older than (or the same as) the one already applied changes nothing.
 * Pure.
 */
record RecordProgress(State state, int attempts, Integer lastStatus, String lastError, String reason, String messageId,
                      Instant updatedAt) {

    enum State {
        PENDING, DONE, FAILED;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static RecordProgress pending(Instant at) {
        return new RecordProgress(State.PENDING, 0, null, null, null, null, at);
    }

    boolean terminal() {
        return state != State.PENDING;
    }

    /** The progress after {@code o}, or empty when {@code o} changes nothing (a duplicate, stale or losing report). */
    Optional<RecordProgress> after(DeliveryOutcome o) {
        int attempt = Math.max(attempts, o.attempt());
        return switch (o.outcome()) {
            case DELIVERED -> state == State.DONE && o.attempt() <= attempts ? Optional.empty()
                    : Optional.of(new RecordProgress(State.DONE, attempt, o.status(), null, null, o.messageId(), o.at()));
            case FAILED -> state == State.DONE || (state == State.FAILED && o.attempt() <= attempts) ? Optional.empty()
                    : Optional.of(new RecordProgress(State.FAILED, attempt, o.status(), o.error(), o.reason(), o.messageId(), o.at()));
            case RETRYING -> state != State.PENDING || o.attempt() <= attempts ? Optional.empty()
                    : Optional.of(new RecordProgress(State.PENDING, attempt, o.status(), o.error(), null, o.messageId(), o.at()));
        };
    }
}
