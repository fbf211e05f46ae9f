package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.api.InvalidParameter;
import dev.atsrelay.marketplace.credential.Callers;
import dev.atsrelay.marketplace.session.Session;
import dev.atsrelay.marketplace.session.Sessions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An agency's own live vendor sessions, with its {@code admin} key; another tenant's session is a 404. */
@RestController
class TenantSessionController {

    private final Callers callers;
    private final Sessions sessions;

    TenantSessionController(Callers callers, Sessions sessions) {
        this.callers = callers;
        this.sessions = sessions;
    }

    record Page(List<SessionView> items, String next) {
    }

    @GetMapping("/v1/sessions")
    Mono<Page> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                    @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        String tenant = callers.tenantAdmin(authorization);
        if (limit < 1 || limit > 200) {
            throw new InvalidParameter("limit", "limit must be 1–200");
        }
        Cursor after = cursor == null ? null : Cursor.parse(cursor);
        return sessions.page(tenant, after == null ? null : after.createdAt(), after == null ? null : after.id(), limit)
                .collectList()
                .map(found -> {
                    List<Session> page = found.size() > limit ? found.subList(0, limit) : found;
                    String next = found.size() > limit ? Cursor.of(page.get(page.size() - 1)) : null;
                    return new Page(page.stream().map(s -> SessionView.of(s, sessions.resultsUntil(s), null)).toList(), next);
                });
    }

    @GetMapping("/v1/sessions/{sessionId}")
    Mono<SessionView> find(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                           @PathVariable String sessionId) {
        String tenant = callers.tenantAdmin(authorization);
        return sessions.forTenant(sessionId, tenant).map(SessionView::of);
    }

    /** The position after a session: its creation time and id, opaque to the client. */
    record Cursor(Instant createdAt, String id) {

        static String of(Session s) {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((s.createdAt().toEpochMilli() + ":" + s.id()).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new InvalidParameter("cursor", "cursor is not one this API gave out");
            }
        }
    }
}
