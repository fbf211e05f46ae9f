package dev.atsrelay.marketplace.account;

/** Applying an update that does not exist: the account follows the vendor's latest configuration already. */
public class UpToDate extends RuntimeException {

    UpToDate(int version) {
        super("the account already follows the vendor's latest configuration (version " + version + ")");
    }
}
