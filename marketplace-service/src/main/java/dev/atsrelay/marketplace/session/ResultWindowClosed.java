package dev.atsrelay.marketplace.session;

import java.time.Instant;

/**
 * The session took results until {@code resultsUntil}: a Kafka record written later could outlive the session's data.
 * The session can still be read until it expires; later news from the vendor is a vendor request.
 */
public class ResultWindowClosed extends RuntimeException {

    ResultWindowClosed(Instant resultsUntil) {
        super("this session took results until " + resultsUntil + ": its events could otherwise stay on Kafka beyond 7 days "
                + "after the session's creation. Send later updates as a vendor request (POST /v1/vendor/requests)");
    }
}
