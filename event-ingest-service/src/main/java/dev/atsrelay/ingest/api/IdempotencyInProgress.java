package dev.atsrelay.ingest.api;

/** Another request is storing the same event id or Idempotency-Key right now. */
class IdempotencyInProgress extends RuntimeException {
    IdempotencyInProgress() {
        super("an event with this id (or Idempotency-Key) is being stored by another request; retry shortly");
    }
}
