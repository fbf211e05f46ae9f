package dev.atsrelay.dispatcher.webhook;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends one signed webhook and classifies the result. Reactor Netty with one bounded, keep-alive connection pool;
 * no hidden client-side retries and no redirects: every try is an attempt the dispatcher schedules and logs. Guarded
 * against SSRF twice: the URL before anything is signed or sent ({@link AddressPolicy#check(URI)}), and every new
 * connection at the address it is about to be made to ({@link ConnectGuard}); a refusal is {@code REFUSED}.
 */
@Component
public class WebhookSender {

    static final int EXCERPT_BYTES = 4096;
    private static final int MAX_TARGETS = 10_000;

    private final HttpClient http;
    private final Clock clock;
    private final SenderProperties properties;
    private final AddressPolicy policy;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    WebhookSender(SenderProperties properties, SsrfProperties ssrf, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.policy = new AddressPolicy(ssrf.allow());
        ConnectionProvider pool = ConnectionProvider.builder("webhooks")
                .maxConnections(properties.maxConnections())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.http = ConnectGuard.guard(HttpClient.create(pool), policy)
                .disableRetry(true)
                .followRedirect(false)
                .keepAlive(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
    }

    public Duration defaultTimeout() {
        return properties.timeout();
    }

    public Mono<WebhookResponse> send(WebhookRequest request) {
        Instant sentAt = clock.instant();
        long started = System.nanoTime();
        return Mono.defer(() -> {
            Target destination = target(request.url());
            if (destination.refusal() != null) {
                return Mono.just(refused(destination.refusal(), sentAt, started));
            }
            URI target = destination.uri();
            String body = new String(request.body(), StandardCharsets.UTF_8);
            String signature = WebhookSigner.signatureHeader(request.messageId(), sentAt.getEpochSecond(), body, request.keys());
            return http.headers(h -> {
                        h.set("content-type", "application/json")
                                .set("user-agent", properties.userAgent())
                                .set("webhook-id", request.messageId())
                                .set("webhook-timestamp", Long.toString(sentAt.getEpochSecond()))
                                .set("webhook-signature", signature);
                        if (request.traceparent() != null) {
                            h.set("traceparent", request.traceparent());
                        }
                    })
                    .responseTimeout(request.timeout())
                    .post()
                    // the parsed URI, not the string: Netty then connects to the host the check judged (its own
                    // string parser took e.g. the "[::1]:9" of a one-digit port for a host name to resolve)
                    .uri(target)
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.body())))
                    .response((response, content) -> content.asByteArray()
                            .reduce(new ByteArrayOutputStream(), WebhookSender::keepExcerpt)
                            .defaultIfEmpty(new ByteArrayOutputStream())
                            .map(excerpt -> answered(response, excerpt, sentAt, started)))
                    .next()
                    .timeout(request.timeout());
        }).onErrorResume(e -> Mono.just(failed(e, sentAt, started, request.timeout())));
    }

    /** A URL parsed and judged by the policy, or the reason it may not be sent to. */
    private record Target(URI uri, String refusal) {
    }

    /**
     * The URL parsed and judged: a pure function of the URL, so each endpoint's is worked out once, not per attempt
     * (bounded: the cache starts over past {@value #MAX_TARGETS} URLs). Each connection is still judged at connect time.
     */
    private Target target(String url) {
        Target known = targets.get(url);
        if (known != null) {
            return known;
        }
        Target t;
        try {
            URI uri = new URI(url);
            AddressPolicy.Decision decision = policy.check(uri);
            t = new Target(uri, decision.allowed() ? null : "destination not allowed: " + decision.reason());
        } catch (URISyntaxException e) {
            t = new Target(null, "request cannot be sent: invalid URL: " + e.getMessage());
        }
        if (targets.size() >= MAX_TARGETS) {
            targets.clear();
        }
        targets.put(url, t);
        return t;
    }

    private WebhookResponse refused(String error, Instant sentAt, long started) {
        return new WebhookResponse(Classification.REFUSED, 0, sentAt, elapsed(started), "", error, null);
    }

    private static ByteArrayOutputStream keepExcerpt(ByteArrayOutputStream acc, byte[] chunk) {
        int room = EXCERPT_BYTES - acc.size();
        if (room > 0) {
            acc.write(chunk, 0, Math.min(room, chunk.length));
        }
        return acc;
    }

    private WebhookResponse answered(HttpClientResponse response, ByteArrayOutputStream excerpt, Instant sentAt, long started) {
        int status = response.status().code();
        return new WebhookResponse(Classification.ofStatus(status), status, sentAt, elapsed(started),
                excerpt.toString(StandardCharsets.UTF_8), null, retryAfter(response.responseHeaders().get("retry-after"), clock.instant()));
    }

    private WebhookResponse failed(Throwable e, Instant sentAt, long started, Duration timeout) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressRefused refused) {
                return refused("destination not allowed: " + refused.getMessage(), sentAt, started);
            }
        }
        String error;
        if (e instanceof TimeoutException || e instanceof ReadTimeoutException
                || e.getClass().getSimpleName().contains("Timeout")) {
            error = "timeout: no response within " + timeout.toMillis() + " ms";
        } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            error = "connection failed: " + e.getMessage();
        } else if (e instanceof PrematureCloseException) {
            error = "connection closed before the response: " + e.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            // an invalid URL, or an endpoint without an active signing secret: retrying cannot help
            return refused("request cannot be sent: " + e.getMessage(), sentAt, started);
        } else {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new WebhookResponse(Classification.RETRYABLE, 0, sentAt, elapsed(started), "", error, null);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                var date = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, date.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
