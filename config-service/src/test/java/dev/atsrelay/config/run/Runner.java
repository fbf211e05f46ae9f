package dev.atsrelay.config.run;

import dev.atsrelay.config.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Test helper: an agency with an admin key and the ATS screen's actions:run key, and the calls the screen makes. */
final class Runner {

    final WebTestClient http;
    final Api api;
    final Api.NewTenant tenant;
    final String runKey;

    Runner(WebTestClient http, String name) {
        this.http = http;
        this.api = new Api(http);
        this.tenant = api.createTenant(name);
        this.runKey = api.issueKey(tenant.adminKey(), "actions:run");
    }

    String action(String name, String area, List<String> permissions, String behaviour, Map<String, Object> extra) {
        var manual = new java.util.HashMap<String, Object>(Map.of("displayAreas", List.of(area), "permissions", permissions,
                "behaviour", behaviour));
        manual.putAll(extra);
        return (String) api.post(tenant.adminKey(), "/v1/custom-actions", Map.of("type", "manual", "name", name,
                "description", name + ": what it does and its prerequisites.", "endpointUrl", "http://127.0.0.1:9/" + behaviour,
                "manual", manual), 201).get("id");
    }

    WebTestClient.ResponseSpec buttons(String key, String area, String userId, List<String> permissions) {
        return http.post().uri("/v1/display-areas/{area}/buttons", area).headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of("user", Map.of("userId", userId), "permissions", permissions)).exchange();
    }

    WebTestClient.ResponseSpec run(String key, String area, String actionId, Map<String, Object> body) {
        return http.post().uri("/v1/display-areas/{area}/buttons/{id}/runs", area, actionId).headers(h -> h.setBearerAuth(key))
                .bodyValue(body).exchange();
    }

    static Map<String, Object> request(String userId, List<String> permissions, List<Map<String, Object>> records, Object input) {
        var body = new java.util.HashMap<String, Object>(Map.of("user", Map.of("userId", userId, "name", "Dana Whitfield"),
                "permissions", permissions, "records", records));
        if (input != null) {
            body.put("input", input);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> readRun(String key, String runId, String query) {
        return http.get().uri("/v1/runs/" + runId + query).headers(h -> h.setBearerAuth(key)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Reads the run until it matches; fails with the last answer after the timeout. */
    Map<String, Object> awaitRun(String runId, Predicate<Map<String, Object>> until, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, Object> run = readRun(runKey, runId, "");
            if (until.test(run)) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run not as expected within " + timeout + ": " + run);
            }
            Thread.sleep(100);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> totals(Map<String, Object> run) {
        return (Map<String, Object>) run.get("totals");
    }
}
