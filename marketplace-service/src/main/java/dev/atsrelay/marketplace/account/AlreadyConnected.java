package dev.atsrelay.marketplace.account;

/** The agency is already connected (or connecting) to this vendor. */
public class AlreadyConnected extends RuntimeException {

    AlreadyConnected(String vendorId) {
        super("this agency already has an account with vendor " + vendorId + "; apply its updates instead");
    }
}
