package dev.atsrelay.config.tenant;

import dev.atsrelay.config.id.TenantId;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.credential.ApiKeys;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Tenants are created by the platform operator; the answer carries the tenant's first admin key, shown once. */
@RestController
@RequestMapping("/v1/tenants")
class TenantController {

    private final Tenants tenants;
    private final ApiKeys keys;
    private final TransactionalOperator tx;

    TenantController(Tenants tenants, ApiKeys keys, TransactionalOperator tx) {
        this.tenants = tenants;
        this.keys = keys;
        this.tx = tx;
    }

    record CreateTenant(@NotBlank @Size(max = 200) String name) {
    }

    record TenantView(TenantId id, String name, Instant createdAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id(), t.name(), t.createdAt());
        }
    }

    record CreatedTenant(TenantId id, String name, Instant createdAt, ApiKeys.IssuedKey adminKey) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreatedTenant> create(Caller caller, @Valid @RequestBody CreateTenant request) {
        caller.requireOperator();
        return tx.transactional(tenants.create(request.name())
                .flatMap(t -> keys.issue(t.id(), "initial admin key", Set.of(Scope.ADMIN))
                        .map(key -> new CreatedTenant(t.id(), t.name(), t.createdAt(), key))));
    }

    record IssueKey(String name, Set<Scope> scopes) {
    }

    /** The operator issues a key for a tenant: the way back in if its last admin key was revoked or lost. */
    @PostMapping("/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ApiKeys.IssuedKey> issueKey(Caller caller, @PathVariable String id, @RequestBody IssueKey request) {
        caller.requireOperator();
        TenantId tenant = new TenantId(id);
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw new InvalidField("/scopes", "name at least one scope: admin, events:write, actions:run");
        }
        if (request.name() != null && request.name().length() > 200) {
            throw new InvalidField("/name", "name must be at most 200 characters");
        }
        String name = request.name() == null || request.name().isBlank() ? "issued by the operator" : request.name();
        return tenants.find(tenant).switchIfEmpty(Mono.error(new TenantNotFound(tenant)))
                .flatMap(t -> tx.transactional(keys.issue(tenant, name, request.scopes())));
    }

    @GetMapping("/{id}")
    Mono<TenantView> get(Caller caller, @PathVariable String id) {
        TenantId tenant = new TenantId(id);
        if (!caller.canRead(tenant)) {
            return Mono.error(new TenantNotFound(tenant));
        }
        return tenants.find(tenant).map(TenantView::of).switchIfEmpty(Mono.error(new TenantNotFound(tenant)));
    }
}
