package dev.atsrelay.ingest.api;

import dev.atsrelay.ingest.credential.AccessDenied;
import dev.atsrelay.ingest.credential.NotAuthenticated;
import dev.atsrelay.ingest.validation.Rejection;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** RFC 9457 problem details with a stable {@code code} (docs/problems.md) and JSON pointers of the fields at fault. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Spring Boot's generic problem-details advice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(EventRejected.class)
    ProblemDetail rejected(EventRejected e) {
        Rejection r = e.rejection();
        ProblemDetail p = problem(HttpStatus.valueOf(r.code().status()), r.code().code(), r.detail());
        if (!r.errors().isEmpty()) {
            p.setProperty("errors", r.errors());
        }
        return p;
    }

    @ExceptionHandler(NotAuthenticated.class)
    ProblemDetail unauthenticated(NotAuthenticated e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", e.getMessage());
    }

    @ExceptionHandler(AccessDenied.class)
    ProblemDetail forbidden(AccessDenied e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(BatchTooLarge.class)
    ProblemDetail batchTooLarge(BatchTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "batch_too_large", e.getMessage());
    }

    @ExceptionHandler(BrokerUnavailable.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailable e) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "broker_unavailable", e.getMessage(), "5");
    }

    @ExceptionHandler(StoreUnavailable.class)
    ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailable e) {
        log.warn("idempotency store unreachable: {}", e.getCause().toString());
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", e.getMessage(), "5");
    }

    @ExceptionHandler(IdempotencyInProgress.class)
    ResponseEntity<ProblemDetail> inProgress(IdempotencyInProgress e) {
        return retryLater(HttpStatus.CONFLICT, "idempotency_in_progress", e.getMessage(), "1");
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail keyReused(IdempotencyKeyReused e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", e.getMessage());
    }

    @ExceptionHandler(InvalidIdempotencyKey.class)
    ProblemDetail invalidKey(InvalidIdempotencyKey e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_idempotency_key", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> retryLater(HttpStatus status, String code, String detail, String seconds) {
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, seconds).body(problem(status, code, detail));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        if (e.getMostSpecificCause() instanceof DataBufferLimitException) {
            return payloadTooLarge();
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed_request", "the request cannot be read: " + e.getReason());
    }

    /** What the framework refuses: unknown route, wrong method or media type, body too large, … */
    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail framework(ResponseStatusException e) {
        return ofFramework(e);
    }

    static ProblemDetail ofFramework(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return switch (status == null ? HttpStatus.BAD_REQUEST : status) {
            case UNSUPPORTED_MEDIA_TYPE -> problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "send events as application/json or application/cloudevents+json");
            case CONTENT_TOO_LARGE -> payloadTooLarge();
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "not_found", "no such route; see docs/services/event-ingest-service.md");
            case METHOD_NOT_ALLOWED -> problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getReason());
            case NOT_ACCEPTABLE -> problem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "answers are application/json or application/problem+json");
            default -> problem(status == null ? HttpStatus.BAD_REQUEST : status, "bad_request", e.getReason());
        };
    }

    private static ProblemDetail payloadTooLarge() {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "the request body is larger than the service reads (8 MB)");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "an unexpected error occurred");
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://atsrelay.dev/problems/" + code));
        p.setProperty("code", code);
        return p;
    }
}
