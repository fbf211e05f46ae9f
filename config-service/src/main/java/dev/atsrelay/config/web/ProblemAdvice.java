package dev.atsrelay.config.web;

import dev.atsrelay.config.credential.AccessDenied;
import dev.atsrelay.config.credential.ApiKeyNotFound;
import dev.atsrelay.config.credential.NotAuthenticated;
import dev.atsrelay.config.tenant.TenantNotFound;
import dev.atsrelay.config.action.FilledStageNotAllowed;
import dev.atsrelay.config.api.ConcurrentModification;
import dev.atsrelay.config.document.DocumentNotFound;
import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.InvalidParameter;
import dev.atsrelay.config.api.VersionMismatch;
import dev.atsrelay.config.marketplace.MarketplaceRefused;
import dev.atsrelay.config.marketplace.MarketplaceUnavailable;
import dev.atsrelay.config.run.ActionNotAvailable;
import dev.atsrelay.config.run.RunNotFound;
import dev.atsrelay.config.run.TooManyRecords;
import dev.atsrelay.config.testdelivery.DispatcherUnavailable;
import dev.atsrelay.config.webhook.TestRequired;
import dev.atsrelay.config.webhook.WebhookNotFound;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Maps the service's exceptions to RFC 9457 problem details with a stable {@code code} (docs/problems.md) and, where
 * a field is at fault, its JSON pointer in {@code errors}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Spring Boot's generic problem-details advice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    record FieldError(String pointer, String detail) {
    }

    @ExceptionHandler(NotAuthenticated.class)
    ProblemDetail unauthenticated(NotAuthenticated e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", e.getMessage());
    }

    @ExceptionHandler(AccessDenied.class)
    ProblemDetail forbidden(AccessDenied e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler({TenantNotFound.class, WebhookNotFound.class, ApiKeyNotFound.class, DocumentNotFound.class,
            RunNotFound.class, ActionNotAvailable.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler(InvalidField.class)
    ProblemDetail invalidField(InvalidField e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field", e.getMessage());
        p.setProperty("errors", e.problems().stream().map(f -> new FieldError(f.pointer(), f.detail())).toList());
        return p;
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getMessage());
        p.setProperty("parameter", e.parameter());
        return p;
    }

    @ExceptionHandler(VersionMismatch.class)
    ProblemDetail versionMismatch(VersionMismatch e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "version_mismatch", e.getMessage());
    }

    @ExceptionHandler(ConcurrentModification.class)
    ProblemDetail concurrentModification(ConcurrentModification e) {
        return problem(HttpStatus.CONFLICT, "concurrent_modification", e.getMessage());
    }

    @ExceptionHandler(FilledStageNotAllowed.class)
    ProblemDetail filledStage(FilledStageNotAllowed e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_ENTITY, "filled_stage_not_allowed", e.getMessage());
        p.setProperty("errors", e.pointers().stream().map(pointer -> new FieldError(pointer, e.getMessage())).toList());
        return p;
    }

    /** Two requests created the same resource at once (e.g. a job's first stage triggers): the loser is told to retry. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ProblemDetail duplicate(org.springframework.dao.DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent_modification",
                "another request created this resource at the same time; read it again and retry");
    }

    @ExceptionHandler(TooManyRecords.class)
    ProblemDetail tooManyRecords(TooManyRecords e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "too_many_records", e.getMessage());
        p.setProperty("errors", List.of(new FieldError("/records", e.getMessage())));
        return p;
    }

    /** The cause is logged, never answered: it is about config-service's own configuration or marketplace-service. */
    @ExceptionHandler(MarketplaceUnavailable.class)
    ProblemDetail marketplaceUnavailable(MarketplaceUnavailable e) {
        log.warn("opening a vendor session failed: {}", e.why());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "marketplace_unavailable", e.getMessage());
    }

    /** marketplace-service's own problem travels in {@code upstream}, its status in {@code upstreamStatus}. */
    @ExceptionHandler(MarketplaceRefused.class)
    ProblemDetail marketplaceRefused(MarketplaceRefused e) {
        ProblemDetail p = e.conflict() ? problem(HttpStatus.CONFLICT, "marketplace_conflict", e.getMessage())
                : problem(HttpStatus.UNPROCESSABLE_ENTITY, "marketplace_refused", e.getMessage());
        p.setProperty("upstream", e.upstream());
        p.setProperty("upstreamStatus", e.upstreamStatus());
        return p;
    }

    @ExceptionHandler(TestRequired.class)
    ProblemDetail testRequired(TestRequired e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "test_required", e.getMessage());
    }

    @ExceptionHandler(DispatcherUnavailable.class)
    ProblemDetail dispatcherUnavailable(DispatcherUnavailable e) {
        log.warn("test delivery failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "dispatcher_unavailable", e.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalidRequest(WebExchangeBindException e) {
        var errors = e.getFieldErrors().stream()
                .map(f -> new FieldError("/" + f.getField().replace('.', '/').replaceAll("\\[(\\d+)]", "/$1"),
                        f.getField() + " " + f.getDefaultMessage()))
                .toList();
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field",
                "the request has invalid fields: " + errors.stream().map(FieldError::detail).toList());
        p.setProperty("errors", errors);
        return p;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof DecodingException || cause != e
                ? "the request body is not valid JSON for this route: " + firstLine(cause.getMessage())
                : firstLine(e.getReason());
        return problem(HttpStatus.BAD_REQUEST, "malformed_request", detail);
    }

    /** What the framework refuses: unknown route, wrong method or media type, unreadable parameters, … */
    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail framework(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return switch (status == null ? HttpStatus.BAD_REQUEST : status) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not_found", "no such route; see docs/services/config-service.md");
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

}
