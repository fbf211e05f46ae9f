package dev.atsrelay.dispatcher.delivery;

/** No such message for this tenant, or nothing left to replay it from. */
public class MessageNotFound extends RuntimeException {

    public MessageNotFound(String messageId, String why) {
        super("message " + messageId + ": " + why);
    }
}
