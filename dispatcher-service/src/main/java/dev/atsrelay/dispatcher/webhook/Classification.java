package dev.atsrelay.dispatcher.webhook;

/** What one attempt's result means for the delivery (STYLE.md: every failure is classified). */
public enum Classification {
    /** 2xx: delivered. */
    SUCCEEDED(false, false),
    /** Another status, a timeout, a reset or a refused connection: try again on the schedule. */
    RETRYABLE(true, false),
    /** 429, 502, 503, 504: the endpoint asks us to slow down; honour Retry-After within a clamp. */
    THROTTLED(true, false),
    /** 410 Gone: the endpoint says it no longer exists; stop and disable it. */
    GONE(false, true),
    /** The address is not allowed (SSRF guard) or the request cannot be built: retrying cannot help. */
    REFUSED(false, true);

    private final boolean retryable;
    private final boolean terminal;

    Classification(boolean retryable, boolean terminal) {
        this.retryable = retryable;
        this.terminal = terminal;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Only 2xx is success; redirects are not followed and count as failures. */
    public static Classification ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return SUCCEEDED;
        }
        return switch (status) {
            case 410 -> GONE;
            case 429, 502, 503, 504 -> THROTTLED;
            default -> RETRYABLE;
        };
    }
}
