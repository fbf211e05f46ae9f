package dev.atsrelay.ingest.credential;

public class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message);
    }
}
