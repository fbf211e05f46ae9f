package dev.atsrelay.config.webhook;

/**
 * How the dispatcher delivers to the endpoint.
 *
 * @param rateLimitPerSecond at most this many requests per second (null = the platform's default)
 * @param fifo               deliver one entity's messages in order, each after the previous one succeeded or was
 *                           dead-lettered (other entities are not held back); default false
 * @param timeoutMs          per-attempt timeout (null = the platform's default, 15 s)
 * @param maxConcurrent      at most this many requests to the endpoint at once, per dispatcher instance (null = the
 *                           platform's default, 64): a receiver that can take more asks for more
 */
public record DeliverySettings(Integer rateLimitPerSecond, Boolean fifo, Integer timeoutMs, Integer maxConcurrent) {

    static final DeliverySettings DEFAULT = new DeliverySettings(null, false, null, null);
    static final int MAX_CONCURRENT = 512;

    static DeliverySettings orDefault(DeliverySettings s) {
        return s == null ? DEFAULT
                : new DeliverySettings(s.rateLimitPerSecond(), Boolean.TRUE.equals(s.fifo()), s.timeoutMs(), s.maxConcurrent());
    }

    String problem() {
        if (rateLimitPerSecond != null && (rateLimitPerSecond < 1 || rateLimitPerSecond > 10_000)) {
            return "rateLimitPerSecond must be between 1 and 10000";
        }
        if (timeoutMs != null && (timeoutMs < 1_000 || timeoutMs > 60_000)) {
            return "timeoutMs must be between 1000 and 60000";
        }
        if (maxConcurrent != null && (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT)) {
            return "maxConcurrent must be between 1 and " + MAX_CONCURRENT;
        }
        return null;
    }
}
