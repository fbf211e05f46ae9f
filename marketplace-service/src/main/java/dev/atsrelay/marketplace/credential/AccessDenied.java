package dev.atsrelay.marketplace.credential;

/** A known credential that lacks what the route needs (scope, operator role). */
public class AccessDenied extends RuntimeException {

    public AccessDenied(String message) {
        super(message);
    }
}
