package dev.atsrelay.marketplace.platform;

/** Kafka did not acknowledge an event in time; nothing was accepted, the caller may retry. */
public class PublishFailed extends RuntimeException {

    public PublishFailed(Throwable cause) {
        super("the event could not be written to Kafka; nothing was accepted, retry later", cause);
    }
}
