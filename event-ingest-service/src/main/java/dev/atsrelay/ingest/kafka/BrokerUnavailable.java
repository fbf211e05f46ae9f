package dev.atsrelay.ingest.kafka;

/** Kafka did not acknowledge in time: nothing was accepted, the caller should retry later. */
public class BrokerUnavailable extends RuntimeException {

    public BrokerUnavailable(Throwable cause) {
        super("Kafka did not acknowledge the event: " + cause.getMessage(), cause);
    }
}
