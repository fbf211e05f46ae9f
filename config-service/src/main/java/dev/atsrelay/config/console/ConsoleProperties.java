package dev.atsrelay.config.console;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console's calls of the other services' public APIs go: the browser talks to config-service only (one
 * origin, one strict content-security policy), which forwards {@code /console/api/dispatcher/v1/…} and
 * {@code /console/api/marketplace/v1/…} there as they are, with the caller's own credential.
 */
@ConfigurationProperties("atsrelay.console")
record ConsoleProperties(URI dispatcherUrl, URI marketplaceUrl, Duration timeout) {

    ConsoleProperties {
        if (dispatcherUrl == null || marketplaceUrl == null) {
            throw new IllegalArgumentException("atsrelay.console.dispatcher-url and marketplace-url are required");
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(35);
        }
    }
}
