package dev.atsrelay.config.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.atsrelay.config.id.Ids;

public record WebhookId(@JsonValue String value) {

    static WebhookId generate() {
        return new WebhookId(Ids.next("wh"));
    }

    @Override
    public String toString() {
        return value;
    }
}
