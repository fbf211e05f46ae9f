package dev.atsrelay.dispatcher.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of one attempt.
 *
 * @param status     the HTTP status, or 0 when no response arrived
 * @param excerpt    the first bytes of the response body (at most 4 KiB), for the attempt log
 * @param error      why no usable response arrived (timeout, connection refused, …), or null
 * @param retryAfter the endpoint's Retry-After, if it sent one
 */
public record WebhookResponse(Classification classification, int status, Instant sentAt, Duration latency,
                              String excerpt, String error, Duration retryAfter) {
}
