package dev.atsrelay.marketplace.account;

import dev.atsrelay.marketplace.credential.AccessDenied;
import dev.atsrelay.marketplace.credential.NotAuthenticated;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * config-service's public custom-action API, called with the agency's own admin key (the caller's Authorization
 * header, forwarded): marketplace-service holds no credential of its own there, and config-service checks the key
 * and owns the action as for any other admin change.
 */
@Component
class ConfigServiceClient {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    /** The action config-service created: its id and its signing secret (shown once, in that answer). */
    record Created(String actionId, String secret) {
    }

    private final WebClient http;
    private final ConfigServiceProperties properties;

    ConfigServiceClient(ConfigServiceProperties properties) {
        this.http = WebClient.builder().baseUrl(properties.url()).build();
        this.properties = properties;
    }

    Mono<Created> create(String authorization, Map<String, Object> action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "marketplace");
        body.putAll(action);
        return http.post().uri("/v1/custom-actions").header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(r -> answer(r).map(created -> new Created((String) created.get("id"), (String) created.get("secret"))))
                .timeout(properties.timeout())
                .onErrorMap(ConfigServiceClient::unexpected, ConfigServiceUnavailable::new);
    }

    /** Replaces the action's members with {@code action}, on its current version (read first, then If-Match). */
    Mono<Void> update(String authorization, String actionId, Map<String, Object> action) {
        return http.get().uri("/v1/custom-actions/{id}", actionId).header(HttpHeaders.AUTHORIZATION, authorization)
                .exchangeToMono(r -> answer(r).thenReturn(r.headers().asHttpHeaders().getFirst(HttpHeaders.ETAG)))
                .flatMap(etag -> http.patch().uri("/v1/custom-actions/{id}", actionId)
                        .header(HttpHeaders.AUTHORIZATION, authorization).header(HttpHeaders.IF_MATCH, etag)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(action)
                        .exchangeToMono(ConfigServiceClient::answer))
                .timeout(properties.timeout())
                .onErrorMap(ConfigServiceClient::unexpected, ConfigServiceUnavailable::new)
                .then();
    }

    private static Mono<Map<String, Object>> answer(ClientResponse r) {
        int status = r.statusCode().value();
        if (r.statusCode().is2xxSuccessful()) {
            return r.bodyToMono(OBJECT).defaultIfEmpty(Map.of());
        }
        return r.bodyToMono(OBJECT).onErrorReturn(Map.of()).defaultIfEmpty(Map.of()).flatMap(problem -> Mono.error(
                switch (status) {
                    case 401 -> new NotAuthenticated("config-service refused the API key: " + problem.getOrDefault("detail", ""));
                    case 403 -> new AccessDenied("config-service refused the API key: " + problem.getOrDefault("detail", ""));
                    default -> status >= 500 ? new ConfigServiceUnavailable(new IllegalStateException("status " + status))
                            : new ConfigServiceRefused(status, problem);
                }));
    }

    /** Anything but the answers classified above: refused connections, timeouts, unreadable answers. */
    private static boolean unexpected(Throwable e) {
        return !(e instanceof NotAuthenticated || e instanceof AccessDenied || e instanceof ConfigServiceRefused
                || e instanceof ConfigServiceUnavailable);
    }
}
