package dev.atsrelay.config.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.IntegrationTest;
import dev.atsrelay.testkit.ServiceProcess;
import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The console's pages and its forwarding of the other services' public APIs, with a real HTTP server on 127.0.0.1
 * standing in for the dispatcher and a closed loopback port for a marketplace-service that is down.
 */
@IntegrationTest
class ConsoleIntegrationTests {

    static final WebhookReceiver DISPATCHER = new WebhookReceiver();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("atsrelay.console.dispatcher-url", () -> DISPATCHER.url(""));
        registry.add("atsrelay.console.marketplace-url", () -> "http://127.0.0.1:" + ServiceProcess.freePort());
    }

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        DISPATCHER.clear();
        DISPATCHER.respond(r -> WebhookReceiver.Reply.status(200).withHeader("content-type", "application/json")
                .withHeader("etag", "\"3\"").withHeader("x-internal", "secret").withBody("{\"items\":[]}"));
    }

    @Test
    void pagesAreServedWithAStrictContentSecurityPolicy() {
        String html = http.get().uri("/console/webhooks").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", ConsoleHeaders.POLICY)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("<label for=\"wh-url\">").contains("aria-current=\"page\"").contains("job.filled")
                .doesNotContain("<script>");
        http.get().uri("/console").exchange().expectStatus().is3xxRedirection()
                .expectHeader().valueEquals("Location", "/console/webhooks");
        http.get().uri("/console/nothing-here").exchange().expectStatus().isNotFound();
        http.get().uri("/console/assets/console.js").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", ConsoleHeaders.POLICY);
    }

    @Test
    void forwardsAPublicApiCallWithTheCallersOwnCredential() {
        http.post().uri("/console/api/dispatcher/v1/endpoints/wh_1/recover?dry=1")
                .header("Authorization", "Bearer the-callers-key").header("If-Match", "\"2\"").header("Cookie", "x=y")
                .header("Content-Type", "application/json").bodyValue("{\"since\":\"2026-11-01T00:00:00Z\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectHeader().doesNotExist("x-internal")
                .expectBody().json("{\"items\":[]}");
        var received = DISPATCHER.await(1, java.time.Duration.ofSeconds(10)).get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/endpoints/wh_1/recover?dry=1");
        assertThat(received.header("authorization")).isEqualTo("Bearer the-callers-key");
        assertThat(received.header("if-match")).isEqualTo("\"2\"");
        assertThat(received.header("cookie")).isNull();
        assertThat(received.body()).isEqualTo("{\"since\":\"2026-11-01T00:00:00Z\"}");
    }

    @Test
    void passesTheUpstreamsProblemThroughAsItIs() {
        DISPATCHER.respond(r -> WebhookReceiver.Reply.status(404).withHeader("content-type", "application/problem+json")
                .withBody("{\"status\":404,\"code\":\"not_found\"}"));
        http.get().uri("/console/api/dispatcher/v1/messages/msg_x").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    @Test
    void reachesPublicApisOnly() {
        for (String path : new String[] {"/console/api/dispatcher/v1/../internal/v1/test-deliveries",
                "/console/api/dispatcher/v1/%2e%2e/internal/v1/test-deliveries",
                "/console/api/dispatcher/v1/x%2F..%2F..%2Finternal", "/console/api/config/v1/webhooks"}) {
            // as sent: no client-side normalising or re-encoding of the path
            http.post().uri(java.net.URI.create("http://127.0.0.1:" + port + path)).bodyValue("{}").exchange().expectStatus().isNotFound();
        }
        http.get().uri("/console/api/dispatcher/actuator/env").exchange().expectStatus().isNotFound();
        assertThat(DISPATCHER.received()).as("nothing was forwarded").isEmpty();
    }

    @Test
    void aServiceThatIsDownIsAProblemNotAHang() {
        byte[] body = http.get().uri("/console/api/marketplace/v1/vendors").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("console_upstream_unavailable");
    }

    @Test
    void dotSegmentsAndEncodedSeparatorsAreUnsafe() {
        assertThat(ConsoleProxy.safe("/v1/attempts")).isTrue();
        assertThat(ConsoleProxy.safe("endpointId=wh_1&since=2026-11-01T00:00:00Z")).isTrue();
        assertThat(ConsoleProxy.safe(null)).isTrue();
        assertThat(ConsoleProxy.safe("/v1/../internal")).isFalse();
        assertThat(ConsoleProxy.safe("/v1/%2E%2E/internal")).isFalse();
        assertThat(ConsoleProxy.safe("/v1/a%2Fb")).isFalse();
        assertThat(ConsoleProxy.safe("/v1/a\\b")).isFalse();
        assertThat(ConsoleProxy.safe("/v1/./x")).isFalse();
    }
}
