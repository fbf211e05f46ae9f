package dev.atsrelay.ingest.credential;

public class NotAuthenticated extends RuntimeException {

    public NotAuthenticated(String message) {
        super(message);
    }
}
