package dev.atsrelay.config.webhook;

import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import dev.atsrelay.config.testdelivery.TestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Settings → Webhooks (Recruitis: "select the type, enter the URL, Test, then Save"). Needs an {@code admin} key;
 * every route is scoped to the key's tenant. Changes carry an ETag; send it back in {@code If-Match}.
 */
@RestController
@RequestMapping("/v1/webhooks")
class WebhookController {

    private final WebhookLifecycle webhooks;

    WebhookController(WebhookLifecycle webhooks) {
        this.webhooks = webhooks;
    }

    record CreateWebhook(String url, String description, List<String> eventTypes, Filters filters,
                         DeliverySettings delivery) {
    }

    record UpdateWebhook(String url, String description, List<String> eventTypes, Filters filters,
                         DeliverySettings delivery) {
    }

    record TestRequest(String url) {
    }

    record Activate(Boolean skipTest, String reason) {
    }

    record Rotate(Duration overlap) {
    }

    record Disable(String reason) {
    }

    /** A webhook as shown: never a secret, except in the answer that creates or rotates one. */
    record WebhookView(WebhookId id, String url, String description, List<String> eventTypes, Filters filters,
                       DeliverySettings delivery, String status, boolean enabled, String disabledReason,
                       List<SecretView> secrets, TestResult lastTest, long version, Instant createdAt, Instant updatedAt,
                       String secret) {

        static WebhookView of(Webhook w, String secret) {
            return new WebhookView(w.id(), w.url(), w.description(), w.eventTypes(), w.filters(), w.settings(),
                    w.status().name().toLowerCase(java.util.Locale.ROOT), w.enabled(), w.disabledReason(),
                    w.secrets().stream().map(s -> new SecretView(s.id(), s.createdAt(), s.expiresAt())).toList(),
                    w.lastTest(), w.version(), w.createdAt(), w.updatedAt(), secret);
        }
    }

    record SecretView(String id, Instant createdAt, Instant expiresAt) {
    }

    @PostMapping
    Mono<ResponseEntity<WebhookView>> create(Caller caller, @RequestBody CreateWebhook r) {
        return webhooks.create(caller.tenantWith(Scope.ADMIN), new WebhookLifecycle.Settings(r.url(), r.description(),
                        r.eventTypes(), r.filters(), r.delivery()))
                .map(c -> view(HttpStatus.CREATED, c.webhook(), c.secret()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<WebhookView>> get(Caller caller, @PathVariable String id) {
        return webhooks.get(caller.tenantWith(Scope.ADMIN), id).map(w -> view(HttpStatus.OK, w, null));
    }

    @GetMapping
    Mono<Page<WebhookView>> list(Caller caller, @RequestParam(required = false) String cursor,
                                 @RequestParam(required = false) Integer limit) {
        return webhooks.list(caller.tenantWith(Scope.ADMIN), cursor, Page.limit(limit)).map(p -> p.map(w -> WebhookView.of(w, null)));
    }

    @PatchMapping("/{id}")
    Mono<ResponseEntity<WebhookView>> update(Caller caller, @PathVariable String id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @RequestBody UpdateWebhook r) {
        return webhooks.update(caller.tenantWith(Scope.ADMIN), id, ifMatch, new WebhookLifecycle.Settings(r.url(),
                r.description(), r.eventTypes(), r.filters(), r.delivery())).map(w -> view(HttpStatus.OK, w, null));
    }

    /** Test: a signed webhook.test to the webhook's URL, or to {@code url} before changing to it. */
    @PostMapping("/{id}/test")
    Mono<TestResult> test(Caller caller, @PathVariable String id, @RequestBody(required = false) TestRequest r) {
        return webhooks.test(caller.tenantWith(Scope.ADMIN), id, r == null ? null : r.url());
    }

    /** Save: activates the webhook once a Test passed (or with skipTest and a reason). */
    @PostMapping("/{id}/activate")
    Mono<ResponseEntity<WebhookView>> activate(Caller caller, @PathVariable String id,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody(required = false) Activate r) {
        boolean skip = r != null && Boolean.TRUE.equals(r.skipTest());
        return webhooks.activate(caller.tenantWith(Scope.ADMIN), id, ifMatch, skip, r == null ? null : r.reason())
                .map(w -> view(HttpStatus.OK, w, null));
    }

    @PostMapping("/{id}/rotate-secret")
    Mono<ResponseEntity<WebhookView>> rotate(Caller caller, @PathVariable String id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @RequestBody(required = false) Rotate r) {
        return webhooks.rotateSecret(caller.tenantWith(Scope.ADMIN), id, ifMatch, r == null ? null : r.overlap())
                .map(c -> view(HttpStatus.OK, c.webhook(), c.secret()));
    }

    @PostMapping("/{id}/enable")
    Mono<ResponseEntity<WebhookView>> enable(Caller caller, @PathVariable String id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return webhooks.enable(caller.tenantWith(Scope.ADMIN), id, ifMatch, true, null).map(w -> view(HttpStatus.OK, w, null));
    }

    @PostMapping("/{id}/disable")
    Mono<ResponseEntity<WebhookView>> disable(Caller caller, @PathVariable String id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody(required = false) Disable r) {
        return webhooks.enable(caller.tenantWith(Scope.ADMIN), id, ifMatch, false, r == null ? null : r.reason())
                .map(w -> view(HttpStatus.OK, w, null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable String id,
                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return webhooks.delete(caller.tenantWith(Scope.ADMIN), id, ifMatch);
    }

    private static ResponseEntity<WebhookView> view(HttpStatus status, Webhook w, String secret) {
        return ResponseEntity.status(status).eTag(Versions.etag(w.version())).body(WebhookView.of(w, secret));
    }
}
