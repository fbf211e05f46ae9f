package dev.atsrelay.config;

import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for marketplace-service's internal session API in config-service's own tests (a real HTTP server on
 * 127.0.0.1): by default it opens a session per invocation as marketplace-service does ({@code 201}, expiry 7 days
 * less 15 minutes after the given clock's now; {@code 200} with the same answer for a known invocation). The real
 * service is exercised by the end-to-end tests in deploy/e2e.
 */
public final class MarketplaceStub {

    public static final Duration LIFETIME = Duration.ofDays(7).minusMinutes(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final WebhookReceiver server = new WebhookReceiver();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Clock clock;

    public MarketplaceStub(Clock clock) {
        this.clock = clock;
        opensSessions();
    }

    /** Back to the default: a session per invocation, with ids like marketplace-service's. */
    public MarketplaceStub opensSessions() {
        return answer(body -> null);
    }

    /** Answers with what {@code special} returns for a request body, or opens a session when it returns null. */
    public MarketplaceStub answer(Function<JsonNode, WebhookReceiver.Reply> special) {
        server.respond(r -> {
            JsonNode body = JSON.readTree(r.body());
            WebhookReceiver.Reply reply = special.apply(body);
            return reply != null ? reply : open(body.get("invocationId").asString(), null);
        });
        return this;
    }

    /** A {@code 201} (or {@code 200} again) for the invocation; {@code sessionId} null draws one. */
    public WebhookReceiver.Reply open(String invocationId, String sessionId) {
        boolean again = answers.containsKey(invocationId);
        String json = answers.computeIfAbsent(invocationId, inv -> {
            Instant created = clock.instant();
            String id = sessionId != null ? sessionId : "vs_" + UUID.randomUUID().toString().replace("-", "");
            return "{\"sessionId\":\"" + id + "\",\"expiresAt\":\"" + created.plus(LIFETIME) + "\",\"createdAt\":\"" + created + "\"}";
        });
        return WebhookReceiver.Reply.status(again ? 200 : 201).withHeader("content-type", "application/json").withBody(json);
    }

    /** A problem as marketplace-service answers it. */
    public static WebhookReceiver.Reply problem(int status, String code, String detail) {
        return WebhookReceiver.Reply.status(status).withHeader("content-type", "application/problem+json").withBody(
                "{\"type\":\"https://atsrelay.dev/problems/" + code + "\",\"status\":" + status + ",\"code\":\"" + code
                        + "\",\"detail\":\"" + detail + "\"}");
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("atsrelay.marketplace.url", () -> server.url(""));
    }
}
