package dev.atsrelay.config.testdelivery;

import dev.atsrelay.config.secret.SigningSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks the dispatcher to send a test message to an endpoint, signed with the endpoint's own secrets, and waits for
 * the result. config-service sends only ciphertexts: the dispatcher holds the key ring and decrypts.
 */
@Component
public class TestDeliveries {

    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final WebClient dispatcher;
    private final DispatcherProperties properties;
    private final Clock clock;

    TestDeliveries(DispatcherProperties properties, Clock clock) {
        this.dispatcher = WebClient.builder().baseUrl(properties.url())
                .defaultHeader("Authorization", "Bearer " + properties.internalToken()).build();
        this.properties = properties;
        this.clock = clock;
    }

    record SecretRef(String ciphertext, Instant expiresAt) {
    }

    record Request(String tenantId, String ownerId, String url, List<SecretRef> secrets, Map<String, Object> event,
                   Long timeoutMs) {
    }

    record Response(boolean passed, int status, long latencyMs, String excerpt, String error) {
    }

    /**
     * Sends {@code event} (a CloudEvent, e.g. webhook.test) to {@code url}, signed with {@code secrets}, within the
     * endpoint's own timeout (null = the dispatcher's default).
     */
    public Mono<TestResult> send(String tenantId, String ownerId, String url, List<SigningSecret> secrets,
                                 Map<String, Object> event, Integer timeoutMs) {
        Instant at = clock.instant();
        var request = new Request(tenantId, ownerId, url,
                secrets.stream().map(s -> new SecretRef(s.ciphertext(), s.expiresAt())).toList(), event,
                timeoutMs == null ? null : timeoutMs.longValue());
        return dispatcher.post().uri("/internal/v1/test-deliveries").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).retrieve().bodyToMono(Response.class)
                .timeout(wait(timeoutMs))
                .map(r -> new TestResult(at, url, r.passed(), r.status(), r.latencyMs(), r.excerpt(), r.error()))
                .onErrorMap(DispatcherUnavailable::new);
    }

    /** The configured wait covers the dispatcher's default timeout; an endpoint's longer timeout gets a margin too. */
    private Duration wait(Integer timeoutMs) {
        Duration own = timeoutMs == null ? Duration.ZERO : Duration.ofMillis(timeoutMs).plus(MARGIN);
        return own.compareTo(properties.timeout()) > 0 ? own : properties.timeout();
    }
}
