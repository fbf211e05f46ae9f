package dev.atsrelay.dispatcher.protection;

import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import java.time.Instant;

/** What the protection decided for one delivery: send it now, holding a permit, or defer it to a later time. */
public sealed interface Admission {

    /** Send now; call {@link #finish} exactly once with the result (null if it was not sent after all). */
    record Admitted(EndpointGuard guard) implements Admission {
        public void finish(WebhookResponse result) {
            guard.finished(result);
        }
    }

    /**
     * Not now: the endpoint's circuit is open, it is at its rate limit, or it has too many deliveries waiting.
     *
     * @param reason {@code circuit_open}, {@code rate_limited} or {@code concurrency_limit}
     */
    record Deferred(Instant until, String reason) implements Admission {
    }
}
