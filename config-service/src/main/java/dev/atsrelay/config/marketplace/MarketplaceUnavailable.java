package dev.atsrelay.config.marketplace;

/**
 * marketplace-service could not open a vendor session: it could not be reached, timed out, failed ({@code 5xx}) or
 * refused config-service's own credentials ({@code 401}/{@code 403}: a configuration fault). Nothing was run.
 */
public class MarketplaceUnavailable extends RuntimeException {

    private final String why;

    MarketplaceUnavailable(String why, Throwable cause) {
        super("marketplace-service could not open the vendor session, so nothing was run; retry later", cause);
        this.why = why;
    }

    /** Why, for the log (never for the caller): a status, a timeout, a refused connection. */
    public String why() {
        return why;
    }
}
