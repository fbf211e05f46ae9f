package dev.atsrelay.config.credential;

import dev.atsrelay.config.id.TenantId;
import java.util.Set;

/**
 * Who is calling: the platform operator (creates tenants) or a tenant's API key with its scopes.
 * Controllers take it as a method argument; it is resolved from the {@code Authorization} header.
 */
public record Caller(TenantId tenant, Set<Scope> scopes, boolean operator) {

    static Caller operatorCaller() {
        return new Caller(null, Set.of(), true);
    }

    /** The caller's tenant, if the caller holds {@code scope} for it. */
    public TenantId tenantWith(Scope scope) {
        if (tenant == null || !scopes.contains(scope)) {
            throw new AccessDenied("this route needs an API key with the '" + scope.value() + "' scope");
        }
        return tenant;
    }

    /** The caller's tenant, if the caller holds any of {@code allowed} for it. */
    public TenantId tenantWithAny(Scope... allowed) {
        for (Scope scope : allowed) {
            if (tenant != null && scopes.contains(scope)) {
                return tenant;
            }
        }
        throw new AccessDenied("this route needs an API key with one of the scopes "
                + java.util.Arrays.stream(allowed).map(Scope::value).toList());
    }

    public void requireOperator() {
        if (!operator) {
            throw new AccessDenied("this route needs the operator token");
        }
    }

    /** True if the caller may read the tenant: the operator, or any key of that tenant. */
    public boolean canRead(TenantId id) {
        return operator || id.equals(tenant);
    }
}
