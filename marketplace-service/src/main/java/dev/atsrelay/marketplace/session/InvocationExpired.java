package dev.atsrelay.marketplace.session;

/** The invocation had a session, which has expired: its data is being deleted, and a new one is not opened for it. */
public class InvocationExpired extends RuntimeException {

    InvocationExpired() {
        super("the session of this invocationId has expired and its data is deleted; run the action again");
    }
}
