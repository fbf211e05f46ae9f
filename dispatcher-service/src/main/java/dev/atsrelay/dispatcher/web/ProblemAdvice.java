package dev.atsrelay.dispatcher.web;

import dev.atsrelay.dispatcher.credential.AccessDenied;
import dev.atsrelay.dispatcher.credential.NotAuthenticated;
import dev.atsrelay.dispatcher.delivery.MessageNotFound;
import dev.atsrelay.dispatcher.delivery.NotReplayable;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** RFC 9457 problem details with a stable {@code code} (docs/problems.md). */
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

    @ExceptionHandler({NotFound.class, MessageNotFound.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler(NotReplayable.class)
    ProblemDetail notReplayable(NotReplayable e) {
        return problem(HttpStatus.CONFLICT, "not_replayable", e.getMessage());
    }

    @ExceptionHandler(BadParameter.class)
    ProblemDetail badParameter(BadParameter e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail badInput(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed_request", e.getReason());
    }

    /** What the framework refuses: unknown route, wrong method or media type, unreadable parameters, … */
    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail framework(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return switch (status == null ? HttpStatus.BAD_REQUEST : status) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not_found", "no such route; see docs/services/dispatcher-service.md");
            case METHOD_NOT_ALLOWED -> problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getReason());
            case UNSUPPORTED_MEDIA_TYPE -> problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "send application/json");
            case NOT_ACCEPTABLE -> problem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                    "answers are application/json or application/problem+json");
            case CONTENT_TOO_LARGE -> problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "the request body is too large");
            default -> problem(status == null ? HttpStatus.BAD_REQUEST : status, "bad_request", e.getReason());
        };
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred");
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://atsrelay.dev/problems/" + code));
        p.setProperty("code", code);
        return p;
    }
}
