package dev.atsrelay.config.console;

import io.netty.channel.ChannelOption;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Forwards the console's calls of the dispatcher's and marketplace-service's <em>public</em> APIs ({@code /v1/…}), so
 * the browser needs one origin only. It adds nothing: the caller's own {@code Authorization} travels with the call and
 * those services check it as for any client. Only {@code /v1/} paths are reachable — never {@code /internal/} or
 * {@code /actuator/} — and a path with dot segments or encoded slashes is refused before anything is sent.
 */
@Hidden
@RestController
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleProxy {

    private static final Set<String> REQUEST_HEADERS = Set.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH, HttpHeaders.ACCEPT);
    private static final Set<String> RESPONSE_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LOCATION);
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final Map<String, URI> upstreams;
    private final WebClient http;

    ConsoleProxy(ConsoleProperties properties) {
        this.upstreams = Map.of("dispatcher", properties.dispatcherUrl(), "marketplace", properties.marketplaceUrl());
        HttpClient client = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(properties.timeout());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_BODY)).build();
    }

    @RequestMapping("/console/api/{service}/v1/**")
    Mono<ResponseEntity<Object>> forward(@PathVariable String service, ServerHttpRequest request,
                                    @RequestBody(required = false) Mono<byte[]> body) {
        URI base = upstreams.get(service);
        String prefix = "/console/api/" + service;
        String path = request.getPath().pathWithinApplication().value().substring(prefix.length());
        if (base == null || !safe(path) || !safe(request.getURI().getRawQuery())) {
            return Mono.just(problem(HttpStatus.NOT_FOUND, "not_found", "no such console API path"));
        }
        String query = request.getURI().getRawQuery();
        URI target = URI.create(base.toString().replaceAll("/+$", "") + path + (query == null ? "" : "?" + query));
        HttpMethod method = request.getMethod();
        return body.defaultIfEmpty(new byte[0])
                .flatMap(bytes -> http.method(method).uri(target)
                        .headers(h -> request.getHeaders().forEach((name, values) -> {
                            if (REQUEST_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                                h.addAll(name, values);
                            }
                        }))
                        .bodyValue(bytes)
                        .exchangeToMono(r -> r.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                .map(answer -> {
                                    HttpHeaders headers = new HttpHeaders();
                                    r.headers().asHttpHeaders().forEach((name, values) -> {
                                        if (RESPONSE_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                                            headers.addAll(name, values);
                                        }
                                    });
                                    return ResponseEntity.status(r.statusCode()).headers(headers).<Object>body(answer);
                                })))
                .onErrorResume(e -> Mono.just(problem(HttpStatus.SERVICE_UNAVAILABLE, "console_upstream_unavailable",
                        service + " could not be reached; retry later")));
    }

    /** No dot segments, encoded slashes, backslashes or encoded dots: the forwarded path is the one that was matched. */
    static boolean safe(String raw) {
        if (raw == null) {
            return true;
        }
        String s = raw.toLowerCase(Locale.ROOT);
        return !s.contains("..") && !s.contains("%2e") && !s.contains("%2f") && !s.contains("%5c") && !s.contains("\\")
                && !s.contains("/./") && !s.endsWith("/.");
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://atsrelay.dev/problems/" + code));
        p.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
