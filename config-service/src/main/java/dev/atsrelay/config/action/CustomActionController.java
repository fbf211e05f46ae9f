package dev.atsrelay.config.action;

import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.id.TenantId;
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
 * Settings → Custom Actions (FastTrack): manual, event and marketplace actions. Needs an {@code admin} key (the
 * article's "Security permissions to configure Custom Actions"). Changes carry an ETag; send it back in If-Match.
 */
@RestController
@RequestMapping("/v1/custom-actions")
class CustomActionController {

    private final CustomActions actions;

    CustomActionController(CustomActions actions) {
        this.actions = actions;
    }

    record CreateAction(String type, String name, String description, String endpointUrl, CustomAction.Manual manual,
                        CustomAction.EventTrigger event, CustomAction.Marketplace marketplace) {
    }

    /** Fields to change; null leaves one as it is. The type cannot change. */
    record UpdateAction(String name, String description, String endpointUrl, CustomAction.Manual manual,
                        CustomAction.EventTrigger event, CustomAction.Marketplace marketplace) {
    }

    record Rotate(Duration overlap) {
    }

    record ActionView(String id, String type, String name, String description, String endpointUrl, boolean enabled,
                      List<SecretView> secrets, CustomAction.Manual manual, CustomAction.EventTrigger event,
                      CustomAction.Marketplace marketplace, long version, Instant createdAt, Instant updatedAt,
                      TestResult lastTest, String secret) {

        static ActionView of(Document<CustomAction> d, String secret) {
            return of(d, null, secret);
        }

        static ActionView of(Document<CustomAction> d, TestResult lastTest, String secret) {
            CustomAction a = d.body();
            return new ActionView(d.id(), a.actionType(), a.name(), a.description(), a.endpointUrl(), a.enabled(),
                    a.secrets().stream().map(s -> new SecretView(s.id(), s.createdAt(), s.expiresAt())).toList(),
                    a.manual(), a.event(), a.marketplace(), d.version(), d.createdAt(), d.updatedAt(), lastTest, secret);
        }
    }

    record SecretView(String id, Instant createdAt, Instant expiresAt) {
    }

    @PostMapping
    Mono<ResponseEntity<ActionView>> create(Caller caller, @RequestBody CreateAction r) {
        return actions.create(caller.tenantWith(Scope.ADMIN), new CustomAction(r.type(), r.name(), r.description(),
                        r.endpointUrl(), true, List.of(), r.manual(), r.event(), r.marketplace()))
                .map(c -> view(HttpStatus.CREATED, c.action(), c.secret()));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ActionView>> get(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(Scope.ADMIN);
        return actions.get(tenant, id).flatMap(d -> actions.lastTest(tenant, id).map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty())
                        .map(test -> ResponseEntity.ok().eTag(Versions.etag(d.version())).body(ActionView.of(d, test.orElse(null), null))));
    }

    @GetMapping
    Mono<Page<ActionView>> list(Caller caller, @RequestParam(required = false) String type,
                                @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return actions.list(caller.tenantWith(Scope.ADMIN), type, cursor, Page.limit(limit)).map(p -> p.map(d -> ActionView.of(d, null)));
    }

    @PatchMapping("/{id}")
    Mono<ResponseEntity<ActionView>> update(Caller caller, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody UpdateAction r) {
        return actions.update(caller.tenantWith(Scope.ADMIN), id, ifMatch, a -> a.with(
                        r.name() != null ? r.name() : a.name(), r.description() != null ? r.description() : a.description(),
                        r.endpointUrl() != null ? r.endpointUrl() : a.endpointUrl(), a.enabled(), a.secrets(),
                        r.manual() != null ? r.manual() : a.manual(), r.event() != null ? r.event() : a.event(),
                        r.marketplace() != null ? r.marketplace() : a.marketplace()))
                .map(d -> view(HttpStatus.OK, d, null));
    }

    /** Test run: a sample action.invoked marked as a test, sent through the dispatcher; the result is shown. */
    @PostMapping("/{id}/test")
    Mono<TestResult> test(Caller caller, @PathVariable String id) {
        return actions.test(caller.tenantWith(Scope.ADMIN), id);
    }

    @PostMapping("/{id}/rotate-secret")
    Mono<ResponseEntity<ActionView>> rotate(Caller caller, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestBody(required = false) Rotate r) {
        Duration overlap = r == null || r.overlap() == null ? Duration.ofHours(24) : r.overlap();
        return actions.rotateSecret(caller.tenantWith(Scope.ADMIN), id, ifMatch, overlap).map(c -> view(HttpStatus.OK, c.action(), c.secret()));
    }

    @PostMapping("/{id}/enable")
    Mono<ResponseEntity<ActionView>> enable(Caller caller, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return switchTo(caller, id, ifMatch, true);
    }

    @PostMapping("/{id}/disable")
    Mono<ResponseEntity<ActionView>> disable(Caller caller, @PathVariable String id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return switchTo(caller, id, ifMatch, false);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable String id,
                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return actions.delete(caller.tenantWith(Scope.ADMIN), id, ifMatch);
    }

    private Mono<ResponseEntity<ActionView>> switchTo(Caller caller, String id, String ifMatch, boolean on) {
        return actions.update(caller.tenantWith(Scope.ADMIN), id, ifMatch, a -> a.with(a.name(), a.description(),
                a.endpointUrl(), on, a.secrets(), a.manual(), a.event(), a.marketplace())).map(d -> view(HttpStatus.OK, d, null));
    }

    private static ResponseEntity<ActionView> view(HttpStatus status, Document<CustomAction> d, String secret) {
        return ResponseEntity.status(status).eTag(Versions.etag(d.version())).body(ActionView.of(d, secret));
    }
}
