package dev.atsrelay.dispatcher.delivery;

/** The message exists but cannot be sent again: its endpoint was deleted, or its vendor session (and data) expired. */
public class NotReplayable extends RuntimeException {

    public NotReplayable(String messageId, String why) {
        super("message " + messageId + " cannot be replayed: " + why);
    }
}
