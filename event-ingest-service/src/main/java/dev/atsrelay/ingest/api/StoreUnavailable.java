package dev.atsrelay.ingest.api;

/** The idempotency store (PostgreSQL) cannot be reached: without it nothing is accepted. */
class StoreUnavailable extends RuntimeException {
    StoreUnavailable(Throwable cause) {
        super("the event was not stored because the idempotency store is unreachable; retry later", cause);
    }
}
