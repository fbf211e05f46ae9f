package dev.atsrelay.config.tenant;

import dev.atsrelay.config.id.TenantId;

public class TenantNotFound extends RuntimeException {

    public TenantNotFound(TenantId id) {
        super("no tenant " + id);
    }
}
