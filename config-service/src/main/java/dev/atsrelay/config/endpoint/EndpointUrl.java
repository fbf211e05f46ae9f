package dev.atsrelay.config.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a webhook URL when it is configured: absolute, http(s), no user info, and https unless the operator allows
 * plain http for the host (the local stack and tests allow 127.0.0.1). Where it may connect is decided again by the
 * dispatcher's SSRF guard, at connect time, for every attempt.
 */
public final class EndpointUrl {

    private EndpointUrl() {
    }

    /** The problem with {@code url}, or null if it is acceptable. */
    public static String problem(String url, Set<String> httpAllowedHosts) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > 2048) {
            return "must be at most 2048 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URL with a host, e.g. https://example.com/webhooks";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials; the signature authenticates the sender";
        }
        if (scheme.equals("http") && !httpAllowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return "must use https (plain http is allowed only for hosts the operator lists)";
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must use https";
        }
        return null;
    }
}
