package dev.atsrelay.config.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves the {@link Caller} argument of a controller method from the {@code Authorization: Bearer …} header:
 * the operator token, or a tenant's API key. A route without a {@code Caller} parameter is public.
 */
@Component
class Authentication implements HandlerMethodArgumentResolver {

    private final ApiKeys keys;
    private final byte[] operatorToken;

    Authentication(ApiKeys keys, OperatorProperties operator) {
        this.keys = keys;
        this.operatorToken = operator.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return Mono.error(new NotAuthenticated("send 'Authorization: Bearer <API key>'"));
        }
        String presented = header.substring(7).trim();
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), operatorToken)) {
            return Mono.just(Caller.operatorCaller());
        }
        return keys.authenticate(presented)
                .cast(Object.class)
                .switchIfEmpty(Mono.error(new NotAuthenticated("the API key is unknown or revoked")));
    }
}
