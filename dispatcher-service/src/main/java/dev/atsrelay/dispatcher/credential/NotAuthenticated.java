package dev.atsrelay.dispatcher.credential;

public class NotAuthenticated extends RuntimeException {

    public NotAuthenticated(String message) {
        super(message);
    }
}
