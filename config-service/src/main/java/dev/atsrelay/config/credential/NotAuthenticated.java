package dev.atsrelay.config.credential;

/** No credentials, or credentials that match no live key. */
public class NotAuthenticated extends RuntimeException {

    public NotAuthenticated(String message) {
        super(message);
    }
}
