package dev.atsrelay.config;

import dev.atsrelay.testkit.WebhookReceiver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for the dispatcher's internal test-delivery API in config-service's own tests (a real HTTP server on
 * 127.0.0.1): a test "passes" unless the URL tried ends with {@code /fails}. The real dispatcher is exercised by the
 * end-to-end tests in deploy/e2e.
 */
public final class DispatcherStub {

    public static final WebhookReceiver SERVER = new WebhookReceiver().respond(r -> {
        boolean fails = r.body().contains("/fails\"");
        return WebhookReceiver.Reply.status(200).withHeader("content-type", "application/json").withBody(fails
                ? "{\"passed\":false,\"status\":500,\"latencyMs\":12,\"excerpt\":\"boom\",\"error\":null,\"messageId\":\"msg_x\"}"
                : "{\"passed\":true,\"status\":204,\"latencyMs\":7,\"excerpt\":\"\",\"error\":null,\"messageId\":\"msg_x\"}");
    });

    private DispatcherStub() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("atsrelay.dispatcher.url", () -> SERVER.url(""));
    }
}
