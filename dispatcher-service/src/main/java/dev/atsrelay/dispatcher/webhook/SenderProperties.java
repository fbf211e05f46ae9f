package dev.atsrelay.dispatcher.webhook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The outbound HTTP client shared by every endpoint.
 *
 * @param maxConnections the connection pool's bound across all endpoints (keep-alive connections are reused)
 * @param connectTimeout how long to wait for a TCP connection
 * @param timeout        the default per-attempt timeout (connect, send and response); endpoints may set their own
 * @param userAgent      the User-Agent header of every webhook
 */
@Validated
@ConfigurationProperties("atsrelay.dispatcher.http")
record SenderProperties(@Min(1) int maxConnections, @NotNull Duration connectTimeout, @NotNull Duration timeout,
                        @NotNull String userAgent) {
}
