package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.credential.Callers;
import dev.atsrelay.marketplace.session.OpenSession;
import dev.atsrelay.marketplace.session.Sessions;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The internal API (never exposed to tenants or vendors): config-service (manual and bulk runs) and the dispatcher
 * (event-triggered runs) open the vendor session of a marketplace action before its action.invoked exists.
 * Idempotent on {@code invocationId}: 201 the first time, 200 with the same answer after.
 */
@RestController
class InternalSessionController {

    private final Sessions sessions;
    private final Callers callers;

    InternalSessionController(Sessions sessions, Callers callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    record OpenedView(String sessionId, Instant expiresAt, Instant createdAt) {
    }

    @PostMapping("/internal/v1/sessions")
    Mono<ResponseEntity<OpenedView>> open(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                          @RequestBody Mono<OpenSession> body) {
        callers.requireInternal(authorization); // before the body is read
        return body.flatMap(sessions::open).map(o -> ResponseEntity.status(o.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new OpenedView(o.session().id(), o.session().expiresAt(), o.session().createdAt())));
    }
}
