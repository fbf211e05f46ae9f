package dev.atsrelay.config.credential;

/** The caller is known but lacks the scope or role the route needs. */
public class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message);
    }
}
