package dev.atsrelay.ingest.api;

import dev.atsrelay.ingest.validation.Rejection;

/** The event (or batch) was refused; carries the rejection that the problem answer describes. */
class EventRejected extends RuntimeException {

    private final transient Rejection rejection;

    EventRejected(Rejection rejection) {
        super(rejection.detail());
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
