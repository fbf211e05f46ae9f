package dev.atsrelay.config.marketplace;

import java.util.Map;

/**
 * marketplace-service refused to open a vendor session ({@code 4xx} other than {@code 401}/{@code 403}): for example
 * the action's vendor is not registered ({@code 422}), or the invocation's session conflicts or already expired
 * ({@code 409}, {@code 410}). Its problem is kept as it was sent. Nothing was run.
 */
public class MarketplaceRefused extends RuntimeException {

    private final int upstreamStatus;
    private final Map<String, Object> upstream;

    MarketplaceRefused(int upstreamStatus, Map<String, Object> upstream) {
        super(message(upstreamStatus, upstream));
        this.upstreamStatus = upstreamStatus;
        this.upstream = upstream;
    }

    private static String message(int status, Map<String, Object> upstream) {
        String why = upstream.get("detail") instanceof String d ? ": " + d : "";
        return switch (status) {
            case 409 -> "marketplace-service refused the vendor session, which conflicts with another invocation" + why
                    + "; nothing was run";
            case 410 -> "the invocation's vendor session has already expired" + why + "; nothing was run: run the action again";
            default -> "marketplace-service refused to open the vendor session" + why + "; nothing was run";
        };
    }

    /** A conflict with the invocation's session (409 conflict, 410 expired): running again starts afresh. */
    public boolean conflict() {
        return upstreamStatus == 409 || upstreamStatus == 410;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    public Map<String, Object> upstream() {
        return upstream;
    }
}
