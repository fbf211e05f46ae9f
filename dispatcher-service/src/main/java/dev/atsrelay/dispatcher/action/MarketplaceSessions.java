package dev.atsrelay.dispatcher.action;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Opens the vendor session of a marketplace action's run through marketplace-service's internal API
 * ({@code POST /internal/v1/sessions}, docs/services/marketplace-service.md), idempotent on the invocation id: an
 * event read again opens nothing new and gets the same session back.
 */
@Component
class MarketplaceSessions {

    /** What the run's {@code action.invoked} carries in {@code data.session}. */
    record Session(String sessionId, Instant expiresAt) {
    }

    private final WebClient http;

    MarketplaceSessions(@Value("${atsrelay.marketplace.url}") String url, @Value("${atsrelay.internal.token}") String token) {
        this.http = WebClient.builder().baseUrl(url).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    Mono<Session> open(Invocation run, String vendorId) {
        return http.post().uri("/internal/v1/sessions")
                .bodyValue(Map.of("tenantId", run.tenantId(), "vendorId", vendorId, "actionId", run.action().id(),
                        "invocationId", run.invocationId(), "records", List.of(run.record())))
                .retrieve()
                .bodyToMono(Session.class)
                .timeout(Duration.ofSeconds(10));
    }
}
