package dev.atsrelay.marketplace.credential;

/** No credential, or one that is unknown or revoked. */
public class NotAuthenticated extends RuntimeException {

    public NotAuthenticated(String message) {
        super(message);
    }
}
