package dev.atsrelay.dispatcher.webhook;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SSRF guard's exceptions.
 *
 * @param allow host names (allowed whatever they resolve to), IP addresses and CIDR blocks (allowed under any host
 *              name) that webhooks may reach although the guard would refuse them; empty = strict
 */
@ConfigurationProperties("atsrelay.dispatcher.ssrf")
record SsrfProperties(List<String> allow) {

    SsrfProperties {
        allow = allow == null ? List.of() : List.copyOf(allow);
    }
}
