package dev.atsrelay.config.webhook;

import java.time.Duration;

/** Saving needs a passing Test of the URL first (or an explicit, documented override). */
public class TestRequired extends RuntimeException {

    public TestRequired(String url, Duration validity) {
        super("press Test first: " + url + " has no passing test in the last " + validity.toMinutes()
                + " minutes (or activate with skipTest and a reason)");
    }
}
