package dev.atsrelay.config.webhook;

public class WebhookNotFound extends RuntimeException {

    public WebhookNotFound(String id) {
        super("no webhook " + id + " in this tenant");
    }
}
