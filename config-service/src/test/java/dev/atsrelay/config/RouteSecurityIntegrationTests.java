package dev.atsrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route of the OpenAPI document, checked for credentials and tenant isolation: no key → 401; a key without
 * the admin scope → 403; tenant B naming tenant A's resource → 404, never A's data. A route added without an entry
 * here fails this test, so no route ships without these checks.
 */
@IntegrationTest
class RouteSecurityIntegrationTests {

    @DynamicPropertySource
    static void dispatcher(DynamicPropertyRegistry registry) {
        DispatcherStub.register(registry);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    /** What a route needs: who may call it, and (for tenant resources) how to make tenant A's resource. */
    private record Route(Access access, BiFunction<Api.NewTenant, Api, Map<String, String>> resourceOfA, Object body) {
    }

    /** RUNNER: only an actions:run key (it states a user's permissions). RUN_READ: an actions:run or admin key. */
    private enum Access { OPERATOR, ADMIN, TENANT_READ, RUNNER, RUN_READ }

    private final Map<String, Route> routes = new HashMap<>();

    private void route(String method, String path, Access access, BiFunction<Api.NewTenant, Api, Map<String, String>> resource, Object body) {
        routes.put(method.toUpperCase() + " " + path, new Route(access, resource, body));
    }

    private static Map<String, String> none(Api.NewTenant a, Api api) {
        return Map.of();
    }

    private static Map<String, String> webhook(Api.NewTenant a, Api api) {
        return Map.of("id", (String) api.createWebhook(a.adminKey(), "http://127.0.0.1:9/hooks", "job.opened").get("id"));
    }

    private static Map<String, String> action(Api.NewTenant a, Api api) {
        return Map.of("id", api.backgroundAction(a.adminKey(), "http://127.0.0.1:9/act"));
    }

    private static Map<String, String> template(Api.NewTenant a, Api api) {
        return Map.of("id", (String) api.post(a.adminKey(), "/v1/job-templates", Map.of("name", "T", "stages", List.of()), 201).get("id"));
    }

    private static Map<String, String> jobTriggers(Api.NewTenant a, Api api) {
        api.stages(a.adminKey(), "st-x", "X", false);
        String action = api.backgroundAction(a.adminKey(), "http://127.0.0.1:9/act");
        String job = "J-A-" + java.util.UUID.randomUUID();
        api.put(a.adminKey(), "/v1/jobs/" + job + "/stage-triggers", Map.of("stages", List.of(Map.of("stageId", "st-x", "actionIds", List.of(action)))));
        return Map.of("jobId", job);
    }

    private static Map<String, String> apiKey(Api.NewTenant a, Api api) {
        return Map.of("id", (String) api.post(a.adminKey(), "/v1/api-keys", Map.of("name", "k", "scopes", List.of("events:write")), 201).get("id"));
    }

    /** A button of A on the candidate area, for users holding hris.send. */
    private static Map<String, String> button(Api.NewTenant a, Api api) {
        return Map.of("area", "candidate", "actionId", api.backgroundAction(a.adminKey(), "http://127.0.0.1:9/act"));
    }

    private static final Map<String, Object> RUN_BODY = Map.of("user", Map.of("userId", "u-1"), "permissions", List.of("hris.send"),
            "records", List.of(Map.of("recordId", "R-1")));

    private static Map<String, String> run(Api.NewTenant a, Api api) {
        var button = button(a, api);
        String runKey = api.issueKey(a.adminKey(), "actions:run");
        String run = (String) api.post(runKey, "/v1/display-areas/candidate/buttons/" + button.get("actionId") + "/runs",
                RUN_BODY, 202).get("runId");
        return Map.of("id", run);
    }

    private static Map<String, String> tenant(Api.NewTenant a, Api api) {
        return Map.of("id", a.id());
    }

    private void registerRoutes() {
        Map<String, Object> webhookBody = Map.of("url", "http://127.0.0.1:9/h", "eventTypes", List.of("job.opened"));
        route("post", "/v1/tenants", Access.OPERATOR, RouteSecurityIntegrationTests::none, Map.of("name", "x"));
        route("get", "/v1/tenants/{id}", Access.TENANT_READ, RouteSecurityIntegrationTests::tenant, null);
        route("post", "/v1/tenants/{id}/api-keys", Access.OPERATOR, RouteSecurityIntegrationTests::tenant, Map.of("scopes", List.of("admin")));
        route("get", "/v1/api-keys", Access.ADMIN, RouteSecurityIntegrationTests::apiKey, null);
        route("post", "/v1/api-keys", Access.ADMIN, RouteSecurityIntegrationTests::none, Map.of("name", "k", "scopes", List.of("admin")));
        route("delete", "/v1/api-keys/{id}", Access.ADMIN, RouteSecurityIntegrationTests::apiKey, null);
        route("get", "/v1/webhooks", Access.ADMIN, RouteSecurityIntegrationTests::webhook, null);
        route("post", "/v1/webhooks", Access.ADMIN, RouteSecurityIntegrationTests::none, webhookBody);
        for (String suffix : List.of("/test", "/rotate-secret", "/enable", "/disable", "/activate")) {
            route("post", "/v1/webhooks/{id}" + suffix, Access.ADMIN, RouteSecurityIntegrationTests::webhook, Map.of());
            if (!suffix.equals("/activate")) {
                route("post", "/v1/custom-actions/{id}" + suffix, Access.ADMIN, RouteSecurityIntegrationTests::action, Map.of());
            }
        }
        for (String method : List.of("get", "delete", "patch")) {
            route(method, "/v1/webhooks/{id}", Access.ADMIN, RouteSecurityIntegrationTests::webhook, Map.of("description", "x"));
            route(method, "/v1/custom-actions/{id}", Access.ADMIN, RouteSecurityIntegrationTests::action, Map.of("name", "x"));
            route(method, "/v1/job-templates/{id}", Access.ADMIN, RouteSecurityIntegrationTests::template, Map.of("name", "x"));
        }
        route("get", "/v1/custom-actions", Access.ADMIN, RouteSecurityIntegrationTests::action, null);
        route("post", "/v1/custom-actions", Access.ADMIN, RouteSecurityIntegrationTests::none, Map.of());
        route("get", "/v1/job-templates", Access.ADMIN, RouteSecurityIntegrationTests::template, null);
        route("post", "/v1/job-templates", Access.ADMIN, RouteSecurityIntegrationTests::none, Map.of("name", "x"));
        route("post", "/v1/job-templates/{id}/make-default", Access.ADMIN, RouteSecurityIntegrationTests::template, null);
        route("get", "/v1/workflow-stages", Access.ADMIN, (a, api) -> {
            api.stages(a.adminKey(), "st-of-a", "Secret stage of A", false);
            return Map.of();
        }, null);
        route("post", "/v1/display-areas/{area}/buttons", Access.RUNNER, RouteSecurityIntegrationTests::button,
                Map.of("user", Map.of("userId", "u-1"), "permissions", List.of("hris.send")));
        route("post", "/v1/display-areas/{area}/buttons/{actionId}/runs", Access.RUNNER, RouteSecurityIntegrationTests::button, RUN_BODY);
        route("get", "/v1/runs/{id}", Access.RUN_READ, RouteSecurityIntegrationTests::run, null);
        route("put", "/v1/workflow-stages", Access.ADMIN, RouteSecurityIntegrationTests::none, Map.of("stages", List.of()));
        for (String method : List.of("get", "put", "delete")) {
            route(method, "/v1/jobs/{jobId}/stage-triggers", Access.ADMIN, RouteSecurityIntegrationTests::jobTriggers,
                    Map.of("stages", List.of()));
        }
    }

    @Test
    void everyRouteNeedsItsCredentialAndKeepsTenantsApart() {
        registerRoutes();
        JsonNode paths = JSON.readTree(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("paths");
        Api api = new Api(http);
        Api.NewTenant a = api.createTenant("Tenant A");
        Api.NewTenant b = api.createTenant("Tenant B");
        String eventsKeyOfA = api.issueKey(a.adminKey(), "events:write");
        String runKeyOfB = api.issueKey(b.adminKey(), "actions:run");
        List<String> unchecked = new ArrayList<>();
        int operations = 0;
        for (var path : paths.properties()) {
            for (String method : path.getValue().propertyNames()) {
                operations++;
                Route route = routes.get(method.toUpperCase() + " " + path.getKey());
                if (route == null) {
                    unchecked.add(method.toUpperCase() + " " + path.getKey());
                    continue;
                }
                Map<String, String> ofA = route.resourceOfA().apply(a, api);
                String uri = path.getKey();
                for (var v : ofA.entrySet()) {
                    uri = uri.replace("{" + v.getKey() + "}", v.getValue());
                }
                String what = method.toUpperCase() + " " + path.getKey();
                assertThat(call(method, uri, null, route.body()).getStatus().value()).as(what + " without a key").isEqualTo(401);
                int withEventsKey = call(method, uri, eventsKeyOfA, route.body()).getStatus().value();
                assertThat(withEventsKey).as(what + " with an events:write key").isEqualTo(route.access() == Access.TENANT_READ ? 200 : 403);
                if (route.access() == Access.OPERATOR) {
                    assertThat(call(method, uri, a.adminKey(), route.body()).getStatus().value()).as(what + " with an admin key").isEqualTo(403);
                    continue;
                }
                if (route.access() == Access.RUNNER) {
                    assertThat(call(method, uri, a.adminKey(), route.body()).getStatus().value()).as(what + " with an admin key").isEqualTo(403);
                    var asB = call(method, uri, runKeyOfB, route.body());
                    if (path.getKey().endsWith("/runs")) {
                        assertThat(asB.getStatus().value()).as(what + " on A's action as tenant B").isEqualTo(404);
                    } else {
                        assertThat(asB.getStatus().value()).as(what + " as tenant B").isEqualTo(200);
                        assertThat(new String(asB.getResponseBody())).as(what + " as tenant B shows nothing of A")
                                .doesNotContain(ofA.get("actionId"));
                    }
                    continue;
                }
                if (route.access() == Access.RUN_READ) {
                    assertThat(call(method, uri, a.adminKey(), null).getStatus().value()).as(what + " with A's admin key").isEqualTo(200);
                    assertThat(call(method, uri, runKeyOfB, null).getStatus().value()).as(what + " with B's actions:run key").isEqualTo(404);
                }
                String aBefore = method.equals("put") ? new String(call("get", uri, a.adminKey(), null).getResponseBody()) : null;
                var asB = call(method, uri, b.adminKey(), route.body());
                String body = asB.getResponseBody() == null ? "" : new String(asB.getResponseBody());
                if (method.equals("put") && path.getKey().contains("{")) {
                    // create-or-replace by a key of the tenant's own (a job id): B gets a document of its own, A's is untouched
                    assertThat(asB.getStatus().value()).as(what + " as tenant B").isEqualTo(200);
                    assertThat(body).as(what + " as tenant B creates B's own").contains("\"version\":1");
                    assertThat(new String(call("get", uri, a.adminKey(), null).getResponseBody())).as("A's is untouched")
                            .isEqualTo(aBefore);
                } else if (path.getKey().contains("{")) {
                    // tenant B names A's resource: it does not exist for B
                    assertThat(asB.getStatus().value()).as(what + " on A's resource as tenant B").isEqualTo(404);
                } else {
                    // a collection: B sees only its own
                    for (String idOfA : ofA.values()) {
                        assertThat(body).as(what + " as tenant B lists nothing of A").doesNotContain(idOfA);
                    }
                    assertThat(body).doesNotContain("Secret stage of A");
                }
            }
        }
        String doc = http.get().uri("/v3/api-docs").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(doc).as("the caller is not a parameter").doesNotContain("\"name\":\"caller\"").contains("bearer");
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        if (!unchecked.isEmpty()) {
            fail("routes without a credential and tenant check in RouteSecurityIntegrationTests: " + unchecked);
        }
        assertThat(operations).isEqualTo(routes.size());
    }

    private org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> call(String method, String uri, String key, Object body) {
        var spec = http.method(HttpMethod.valueOf(method.toUpperCase())).uri(uri).headers(h -> {
            if (key != null) {
                h.setBearerAuth(key);
            }
        });
        var exchange = body == null ? spec.exchange() : spec.bodyValue(body).exchange();
        var result = exchange.expectBody().returnResult();
        assertThat(result.getStatus().is5xxServerError()).as(method + " " + uri + " answered " + result.getStatus()).isFalse();
        return result;
    }
}
