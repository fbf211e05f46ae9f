package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.account.VendorRequests;
import dev.atsrelay.marketplace.credential.Callers;
import dev.atsrelay.marketplace.session.PostResult;
import dev.atsrelay.marketplace.session.Sessions;
import dev.atsrelay.marketplace.vendor.VendorConfiguration;
import dev.atsrelay.marketplace.vendor.Vendors;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The vendors' API, with a vendor key: their own sessions (context, status updates and results), requests beyond
 * sessions to connected agencies, and new versions of their configuration. A session that is not the caller's, a
 * forged or random id, and an expired or purged session all get the same 404.
 */
@RestController
class VendorApiController {

    private static final String AUTH = HttpHeaders.AUTHORIZATION;

    private final Callers callers;
    private final Sessions sessions;
    private final VendorRequests requests;
    private final Vendors vendors;

    VendorApiController(Callers callers, Sessions sessions, VendorRequests requests, Vendors vendors) {
        this.callers = callers;
        this.sessions = sessions;
        this.requests = requests;
        this.vendors = vendors;
    }

    record ResultAccepted(String resultId, String eventId, String status, Instant receivedAt) {
    }

    @GetMapping("/v1/vendor/sessions/{sessionId}")
    Mono<SessionView> session(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String sessionId) {
        return callers.vendor(authorization).flatMap(vendor -> sessions.forVendor(sessionId, vendor)).map(SessionView::of);
    }

    @PostMapping("/v1/vendor/sessions/{sessionId}/results")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ResultAccepted> result(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String sessionId,
                                @RequestBody Mono<PostResult> body) {
        return callers.vendor(authorization)
                .flatMap(vendor -> body.flatMap(r -> sessions.postResult(sessionId, vendor, r)))
                .map(r -> new ResultAccepted(r.id(), r.eventId(), r.status(), r.receivedAt()));
    }

    @PostMapping("/v1/vendor/requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<VendorRequests.Accepted> request(@RequestHeader(name = AUTH, required = false) String authorization,
                                          @RequestBody Mono<VendorRequests.Request> body) {
        return callers.vendor(authorization).flatMap(vendor -> body.flatMap(r -> requests.send(vendor, r)));
    }

    @PostMapping("/v1/vendor/configurations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<VendorView> publish(@RequestHeader(name = AUTH, required = false) String authorization,
                             @RequestBody Mono<VendorConfiguration> body) {
        return callers.vendor(authorization).flatMap(vendor -> body.flatMap(c -> vendors.publish(vendor, c)))
                .map(v -> VendorView.of(v, null));
    }

    @GetMapping("/v1/vendor/profile")
    Mono<VendorView> profile(@RequestHeader(name = AUTH, required = false) String authorization) {
        return callers.vendor(authorization).flatMap(vendors::find).map(v -> VendorView.of(v, null));
    }
}
