package dev.atsrelay.config.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What an API key may do (BRIEF.md: who owns what). */
public enum Scope {
    /** Configure the tenant: webhooks, custom actions, templates, keys. */
    ADMIN("admin"),
    /** Post domain events (ATS core services). */
    EVENTS_WRITE("events:write"),
    /** Ask which custom actions to show and run them on behalf of a user (the ATS screen). */
    ACTIONS_RUN("actions:run");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static Scope of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + value + "'; known: admin, events:write, actions:run"));
    }
}
