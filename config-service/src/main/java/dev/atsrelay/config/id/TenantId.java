package dev.atsrelay.config.id;

import com.fasterxml.jackson.annotation.JsonValue;

public record TenantId(@JsonValue String value) {

    public static TenantId generate() {
        return new TenantId(Ids.next("tn"));
    }

    @Override
    public String toString() {
        return value;
    }
}
