package dev.atsrelay.ingest.api;

/** Kafka did not acknowledge in time: nothing was stored; the caller should retry later. */
class BrokerUnavailable extends RuntimeException {
    BrokerUnavailable() {
        super("the event was not stored because Kafka is unreachable; retry later");
    }
}
