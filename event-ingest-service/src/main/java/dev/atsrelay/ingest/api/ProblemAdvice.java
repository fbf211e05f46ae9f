package dev.atsrelay.ingest.api;

import dev.atsrelay.ingest.credential.AccessDenied;
import dev.atsrelay.ingest.credential.NotAuthenticated;
import dev.atsrelay.ingest.kafka.BrokerUnavailable;
import dev.atsrelay.ingest.validation.Rejection;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** RFC 9457 problem details with a stable {@code code} (docs/problems.md) and JSON pointers of the fields at fault. */
@RestControllerAdvice
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
        log.warn("answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "broker_unavailable",
                        "the event was not stored because Kafka is unreachable; retry later"));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        if (e.getMostSpecificCause() instanceof DataBufferLimitException) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "the request body is larger than the service accepts");
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed_request", "the request cannot be read: " + e.getReason());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ProblemDetail unsupportedMediaType(UnsupportedMediaTypeStatusException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "send events as application/json or application/cloudevents+json");
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
