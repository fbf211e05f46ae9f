package dev.atsrelay.config.marketplace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens vendor sessions through marketplace-service's internal API ({@code POST /internal/v1/sessions}), one per
 * invocation, before the run that needs them is written. The call is idempotent on the invocation id. Every failure
 * is classified: {@link MarketplaceRefused} (its problem kept) or {@link MarketplaceUnavailable}.
 */
@Component
public class VendorSessions {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    private final WebClient marketplace;
    private final MarketplaceProperties properties;

    VendorSessions(MarketplaceProperties properties) {
        this.marketplace = WebClient.builder().baseUrl(properties.url())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.internalToken()).build();
        this.properties = properties;
    }

    /** The answer, read leniently: a member missing is a fault of marketplace-service (503), not of the caller. */
    record Opened(String sessionId, java.time.Instant expiresAt, java.time.Instant createdAt) {
    }

    public Mono<VendorSession> open(SessionRequest request) {
        return marketplace.post().uri("/internal/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).exchangeToMono(VendorSessions::answer)
                .timeout(properties.timeout())
                .onErrorMap(TimeoutException.class, e -> new MarketplaceUnavailable(
                        "no answer within " + properties.timeout(), null))
                .onErrorMap(VendorSessions::unclassified, e -> new MarketplaceUnavailable("the call failed", e));
    }

    /**
     * One session per request, at most {@code concurrency} calls at once, answered in the requests' order. The first
     * failure cancels the calls still running and is the answer: a run gets all its sessions or none. (Sessions
     * already opened for the other records are left to expire in marketplace-service: it has no delete.)
     */
    public Mono<List<VendorSession>> openAll(List<SessionRequest> requests) {
        return Flux.fromIterable(requests).flatMapSequential(this::open, properties.concurrency()).collectList();
    }

    private static Mono<VendorSession> answer(ClientResponse r) {
        int status = r.statusCode().value();
        if (r.statusCode().is2xxSuccessful()) {
            return r.bodyToMono(Opened.class)
                    .filter(o -> o.sessionId() != null && o.expiresAt() != null && o.createdAt() != null)
                    .switchIfEmpty(Mono.error(() -> new MarketplaceUnavailable(
                            "status " + status + " without sessionId, expiresAt and createdAt", null)))
                    .map(o -> new VendorSession(o.sessionId(), o.expiresAt(), o.createdAt()));
        }
        if (status == 401 || status == 403 || status == 404 || status >= 500) {
            // our token, a missing route or marketplace-service itself: nothing the recruiter can change
            return r.releaseBody().then(Mono.error(new MarketplaceUnavailable("status " + status, null)));
        }
        return r.bodyToMono(OBJECT).onErrorReturn(Map.of()).defaultIfEmpty(Map.of())
                .flatMap(problem -> Mono.error(new MarketplaceRefused(status, problem)));
    }

    private static boolean unclassified(Throwable e) {
        return !(e instanceof MarketplaceRefused || e instanceof MarketplaceUnavailable);
    }
}
