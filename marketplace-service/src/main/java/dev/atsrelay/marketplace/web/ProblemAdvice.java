package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.account.AccountNotFound;
import dev.atsrelay.marketplace.account.AlreadyConnected;
import dev.atsrelay.marketplace.account.ConfigServiceRefused;
import dev.atsrelay.marketplace.account.ConfigServiceUnavailable;
import dev.atsrelay.marketplace.account.UpToDate;
import dev.atsrelay.marketplace.api.InvalidField;
import dev.atsrelay.marketplace.api.InvalidParameter;
import dev.atsrelay.marketplace.credential.AccessDenied;
import dev.atsrelay.marketplace.credential.NotAuthenticated;
import dev.atsrelay.marketplace.platform.PublishFailed;
import dev.atsrelay.marketplace.session.InvocationConflict;
import dev.atsrelay.marketplace.session.InvocationExpired;
import dev.atsrelay.marketplace.session.ResultWindowClosed;
import dev.atsrelay.marketplace.session.SessionNotFound;
import dev.atsrelay.marketplace.vendor.VendorNotFound;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * RFC 9457 problem details with a stable {@code code} (docs/problems.md). Nothing here logs a session id, a context
 * or a result: an unexpected error is logged with its type and the route's pattern only.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Spring Boot's generic problem-details advice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(NotAuthenticated.class)
    ProblemDetail unauthenticated(NotAuthenticated e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", e.getMessage());
    }

    @ExceptionHandler(AccessDenied.class)
    ProblemDetail forbidden(AccessDenied e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler({SessionNotFound.class, VendorNotFound.class, AccountNotFound.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler(InvalidField.class)
    ProblemDetail invalidField(InvalidField e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_field", e.getMessage());
        p.setProperty("errors", e.errors());
        return p;
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler(InvocationConflict.class)
    ProblemDetail invocationConflict(InvocationConflict e) {
        return problem(HttpStatus.CONFLICT, "invocation_conflict", e.getMessage());
    }

    @ExceptionHandler(ResultWindowClosed.class)
    ProblemDetail resultWindowClosed(ResultWindowClosed e) {
        return problem(HttpStatus.GONE, "result_window_closed", e.getMessage());
    }

    @ExceptionHandler(InvocationExpired.class)
    ProblemDetail invocationExpired(InvocationExpired e) {
        return problem(HttpStatus.GONE, "session_expired", e.getMessage());
    }

    @ExceptionHandler(AlreadyConnected.class)
    ProblemDetail alreadyConnected(AlreadyConnected e) {
        return problem(HttpStatus.CONFLICT, "already_connected", e.getMessage());
    }

    @ExceptionHandler(UpToDate.class)
    ProblemDetail upToDate(UpToDate e) {
        return problem(HttpStatus.CONFLICT, "up_to_date", e.getMessage());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent_modification",
                "another request changed the same resource at the same time; read it again and retry");
    }

    @ExceptionHandler(ConfigServiceRefused.class)
    ProblemDetail configRefused(ConfigServiceRefused e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "config_service_refused", e.getMessage());
        p.setProperty("upstreamStatus", e.status());
        p.setProperty("upstream", e.problem());
        return p;
    }

    @ExceptionHandler(ConfigServiceUnavailable.class)
    ProblemDetail configUnavailable(ConfigServiceUnavailable e) {
        log.warn("config-service call failed: {}", e.getCause() == null ? "" : e.getCause().getClass().getName());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "config_service_unavailable", e.getMessage());
    }

    @ExceptionHandler(PublishFailed.class)
    ProblemDetail publishFailed(PublishFailed e) {
        log.warn("an event could not be written to Kafka: {}", e.getCause() == null ? "" : e.getCause().getClass().getName());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable", e.getMessage());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed_request",
                "the request cannot be read: the body is missing or not JSON of this route's shape, or a parameter has the wrong type");
    }

    /** What the framework refuses: unknown route, wrong method or media type, … */
    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail framework(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return switch (status == null ? HttpStatus.BAD_REQUEST : status) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not_found", "no such route; see docs/services/marketplace-service.md");
            case METHOD_NOT_ALLOWED -> problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getReason());
            case UNSUPPORTED_MEDIA_TYPE -> problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json");
            case NOT_ACCEPTABLE -> problem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                    "answers are application/json or application/problem+json");
            case CONTENT_TOO_LARGE -> problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "the request body is too large");
            default -> problem(status == null ? HttpStatus.BAD_REQUEST : status, "bad_request", e.getReason());
        };
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, ServerWebExchange exchange) {
        Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        log.error("unexpected {} on {} {}", e.getClass().getName(), exchange.getRequest().getMethod(), route);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred");
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://atsrelay.dev/problems/" + code));
        p.setProperty("code", code);
        return p;
    }
}
