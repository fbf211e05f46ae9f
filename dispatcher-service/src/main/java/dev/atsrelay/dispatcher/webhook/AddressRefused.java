package dev.atsrelay.dispatcher.webhook;

/** The SSRF guard refused the address a webhook was about to be sent to; retrying cannot help. */
final class AddressRefused extends RuntimeException {

    AddressRefused(String reason) {
        // an expected outcome, recorded in the attempt log: no stack trace
        super(reason, null, false, false);
    }
}
