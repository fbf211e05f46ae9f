package dev.atsrelay.marketplace.session;

/**
 * No live session with this id for this caller. The same answer whether the id never existed, is forged, belongs to
 * another vendor or tenant, expired or was purged: it reveals nothing (the message names no id).
 */
public class SessionNotFound extends RuntimeException {

    SessionNotFound() {
        super("no such session: it does not exist, is not yours, or has expired and its data was deleted");
    }
}
