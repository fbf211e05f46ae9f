package dev.atsrelay.dispatcher.web;

import dev.atsrelay.dispatcher.credential.NotAuthenticated;
import dev.atsrelay.dispatcher.delivery.TestSends;
import dev.atsrelay.dispatcher.subscription.ConfigChanges;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.webhook.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The internal API config-service calls (never exposed to tenants): the synchronous Test of a webhook or a custom
 * action. Authenticated with the shared internal token; in Kubernetes a network policy admits config-service only.
 */
@RestController
class InternalController {

    private final TestSends tests;
    private final ConfigChanges config;
    private final WebhookSender sender;
    private final JsonMapper json;
    private final byte[] token;

    InternalController(TestSends tests, ConfigChanges config, WebhookSender sender, JsonMapper json,
                       InternalProperties properties) {
        this.tests = tests;
        this.config = config;
        this.sender = sender;
        this.json = json;
        this.token = properties.token().getBytes(StandardCharsets.UTF_8);
    }

    record TestDelivery(String tenantId, String ownerId, String url, List<ConfigChanges.SecretRecord> secrets,
                        Map<String, Object> event, Long timeoutMs) {
    }

    @PostMapping("/internal/v1/test-deliveries")
    Mono<TestSends.Outcome> test(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                 @RequestBody Mono<TestDelivery> body) {
        // the token is checked before the body is read
        String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
            throw new NotAuthenticated("the internal API needs the internal token");
        }
        return body.flatMap(r -> {
            for (var required : new Object[][] {{"tenantId", r.tenantId()}, {"ownerId", r.ownerId()}, {"url", r.url()},
                    {"event", r.event()}}) {
                if (required[1] == null) {
                    throw new BadParameter((String) required[0], "is required");
                }
            }
            if (r.secrets() != null && r.secrets().stream().anyMatch(s -> s == null || s.ciphertext() == null)) {
                throw new BadParameter("secrets", "every secret needs its ciphertext");
            }
            List<Subscription.Secret> secrets;
            try {
                secrets = config.secrets(r.ownerId(), r.secrets() == null ? List.of() : r.secrets());
            } catch (IllegalArgumentException e) {
                throw new BadParameter("secrets", e.getMessage());
            }
            Duration timeout = r.timeoutMs() == null ? sender.defaultTimeout() : Duration.ofMillis(r.timeoutMs());
            return tests.send(r.tenantId(), r.ownerId(), r.url(), secrets, String.valueOf(r.event().get("id")),
                    String.valueOf(r.event().get("type")), json.writeValueAsBytes(r.event()), timeout);
        });
    }
}
