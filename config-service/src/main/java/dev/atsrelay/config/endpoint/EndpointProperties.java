package dev.atsrelay.config.endpoint;

import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param httpAllowedHosts hosts whose endpoints (webhooks, custom actions) may use plain http; default none, https
 *                         only. The local stack and the tests allow 127.0.0.1.
 */
@Validated
@ConfigurationProperties("atsrelay.endpoints")
public record EndpointProperties(@NotNull Set<String> httpAllowedHosts) {

    /** The problem with {@code url} as an endpoint, or null if it is acceptable. */
    public String problem(String url) {
        return EndpointUrl.problem(url, httpAllowedHosts);
    }
}
