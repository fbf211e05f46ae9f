package dev.atsrelay.marketplace.session;

/** The invocation already has a session, bound to another tenant, vendor or action. */
public class InvocationConflict extends RuntimeException {

    InvocationConflict() {
        super("this invocationId already has a session bound to another tenant, vendor or action; nothing was opened");
    }
}
