package dev.atsrelay.config;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Test helper: drives the public API the way an operator and an agency administrator would. */
public final class Api {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    private final WebTestClient http;

    public Api(WebTestClient http) {
        this.http = http;
    }

    /** A new tenant; returns its id and its admin key. */
    public record NewTenant(String id, String adminKey) {
    }

    @SuppressWarnings("unchecked")
    public NewTenant createTenant(String name) {
        Map<String, Object> body = http.post().uri("/v1/tenants").headers(h -> h.setBearerAuth(OPERATOR_TOKEN))
                .bodyValue(Map.of("name", name))
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class).returnResult().getResponseBody();
        return new NewTenant((String) body.get("id"), (String) ((Map<String, Object>) body.get("adminKey")).get("key"));
    }

    @SuppressWarnings("unchecked")
    public String issueKey(String adminKey, String... scopes) {
        Map<String, Object> body = http.post().uri("/v1/api-keys").headers(h -> h.setBearerAuth(adminKey))
                .bodyValue(Map.of("name", "test key", "scopes", List.of(scopes)))
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("key");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> createWebhook(String adminKey, String url, String... eventTypes) {
        return http.post().uri("/v1/webhooks").headers(h -> h.setBearerAuth(adminKey))
                .bodyValue(Map.of("url", url, "eventTypes", List.of(eventTypes)))
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String key, String uri, Object body, int status) {
        return http.post().uri(uri).headers(h -> h.setBearerAuth(key)).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    public void stages(String adminKey, Object... idNameFilled) {
        List<Map<String, Object>> stages = new java.util.ArrayList<>();
        for (int i = 0; i < idNameFilled.length; i += 3) {
            stages.add(Map.of("stageId", idNameFilled[i], "name", idNameFilled[i + 1], "filled", idNameFilled[i + 2]));
        }
        http.put().uri("/v1/workflow-stages").headers(h -> h.setBearerAuth(adminKey)).bodyValue(Map.of("stages", stages))
                .exchange().expectStatus().isOk();
    }

    /** A background manual action: runnable by stage triggers. */
    public String backgroundAction(String adminKey, String url) {
        return (String) post(adminKey, "/v1/custom-actions", Map.of("type", "manual", "name", "Send to HRIS",
                "description", "Sends the candidate to the HRIS. Needs a signed offer.", "endpointUrl", url,
                "manual", Map.of("displayAreas", List.of("candidate"), "permissions", List.of("hris.send"),
                        "behaviour", "background")), 201).get("id");
    }

    public void put(String key, String uri, Object body) {
        http.put().uri(uri).headers(h -> h.setBearerAuth(key)).bodyValue(body).exchange().expectStatus().isOk();
    }
}
