package dev.atsrelay.ingest.api;

/** The key was used for another event within the idempotency window. */
class IdempotencyKeyReused extends RuntimeException {
    IdempotencyKeyReused(String originalEventId) {
        super("this id (or Idempotency-Key) was accepted within the idempotency window for another event ("
                + originalEventId + "); use a new key for a new event");
    }
}
