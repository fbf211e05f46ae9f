package dev.atsrelay.marketplace.account;

/** config-service could not be reached, timed out or failed; nothing was connected or changed. */
public class ConfigServiceUnavailable extends RuntimeException {

    ConfigServiceUnavailable(Throwable cause) {
        super("config-service could not be reached or failed; nothing was changed, retry later", cause);
    }
}
