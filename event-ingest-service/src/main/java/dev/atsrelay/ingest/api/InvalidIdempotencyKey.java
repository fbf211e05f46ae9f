package dev.atsrelay.ingest.api;

/** The Idempotency-Key header is not 1 to 255 printable ASCII characters. */
class InvalidIdempotencyKey extends RuntimeException {
    InvalidIdempotencyKey() {
        super("the Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces");
    }
}
