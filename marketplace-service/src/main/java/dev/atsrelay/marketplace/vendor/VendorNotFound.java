package dev.atsrelay.marketplace.vendor;

public class VendorNotFound extends RuntimeException {

    public VendorNotFound(String id) {
        super("no vendor " + id);
    }
}
