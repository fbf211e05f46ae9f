package dev.atsrelay.config.testdelivery;

import java.time.Instant;

/**
 * What a Test delivery found: the URL tried, whether the endpoint answered 2xx, its status (0 when no answer came),
 * the latency, and the first bytes of its answer or the error.
 */
public record TestResult(Instant at, String url, boolean passed, int status, long latencyMs, String excerpt, String error) {
}
