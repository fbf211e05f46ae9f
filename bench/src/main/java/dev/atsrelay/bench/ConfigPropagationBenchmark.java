package dev.atsrelay.bench;

import dev.atsrelay.testkit.KafkaProcess;
import dev.atsrelay.testkit.Postgres;
import dev.atsrelay.testkit.PrometheusText;
import dev.atsrelay.testkit.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configuration change → visible in the dispatcher: config-service and the dispatcher as processes on a broker
 * process and PostgreSQL; administrators make changes from several clients at once; the dispatcher's own timer
 * (written in config-service → in its index) gives the distribution. Target: p99 ≤ 1 s. Prints name=value lines.
 */
public final class ConfigPropagationBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR = "bench-operator-token-0123456789abcdef";
    private static final String TIMER = "atsrelay_dispatcher_config_propagation_seconds";

    private ConfigPropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (KafkaProcess broker = new KafkaProcess().start()) {
            Map<String, String> env = Map.of("ATSRELAY_OPERATOR_TOKEN", OPERATOR,
                    "ATSRELAY_SECRETS_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "ATSRELAY_INTERNAL_TOKEN", "bench-internal-token-0123456789abcdef");
            var dispatcherProperties = properties(broker, "bench_dispatcher");
            dispatcherProperties.put("atsrelay.dispatcher.ssrf.allow", "127.0.0.1"); // its webhooks point at loopback
            var dispatcher = new ServiceProcess("dispatcher-service", dispatcherProperties, env);
            var configProperties = properties(broker, "bench_config");
            configProperties.put("atsrelay.dispatcher.url", dispatcher.url(""));
            configProperties.put("atsrelay.endpoints.http-allowed-hosts", "127.0.0.1");
            var config = new ServiceProcess("config-service", configProperties, env);
            try (config; dispatcher) {
                config.start().awaitHealthy(Duration.ofSeconds(120));
                dispatcher.start().awaitHealthy(Duration.ofSeconds(120));
                JsonNode tenant = post(config.url("/v1/tenants"), OPERATOR, Map.of("name", "Bench"));
                String key = tenant.get("adminKey").get("key").asString();
                double before = PrometheusText.value(metrics(dispatcher), TIMER + "_count");
                int webhooks = Math.max(1, changes / 10);
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<String>> created = new ArrayList<>();
                for (int i = 0; i < webhooks; i++) {
                    int n = i;
                    created.add(pool.submit(() -> post(config.url("/v1/webhooks"), key,
                            Map.of("url", "http://127.0.0.1:9/w" + n, "eventTypes", List.of("job.opened"))).get("id").asString()));
                }
                List<String> ids = new ArrayList<>();
                for (var f : created) {
                    ids.add(f.get());
                }
                List<Future<?>> edits = new ArrayList<>();
                for (int i = 0; i < changes - webhooks; i++) {
                    String id = ids.get(i % ids.size());
                    int n = i;
                    edits.add(pool.submit(() -> patch(config.url("/v1/webhooks/" + id), key, Map.of("description", "change " + n))));
                }
                for (var f : edits) {
                    f.get();
                }
                pool.shutdown();
                Instant deadline = Instant.now().plusSeconds(60);
                String m = metrics(dispatcher);
                while (PrometheusText.value(m, TIMER + "_count") - before < changes && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                    m = metrics(dispatcher);
                }
                long arrived = (long) (PrometheusText.value(m, TIMER + "_count") - before);
                if (arrived < changes) {
                    throw new IllegalStateException("only " + arrived + " of " + changes + " changes reached the dispatcher in 60 s");
                }
                System.out.println("changes=" + arrived);
                System.out.println("admin_clients=" + clients);
                System.out.printf("propagation_p50_ms=%.0f%n", 1000 * PrometheusText.quantile(m, TIMER, 0.5));
                System.out.printf("propagation_p99_ms=%.0f%n", 1000 * PrometheusText.quantile(m, TIMER, 0.99));
                System.out.printf("propagation_max_ms=%.0f%n", 1000 * PrometheusText.value(m, TIMER + "_max"));
                System.out.println("propagation_p99_target_ms=1000");
            }
        }
        System.exit(0);
    }

    private static Map<String, String> properties(KafkaProcess broker, String database) {
        Postgres.Database db = Postgres.newDatabase(database);
        Map<String, String> p = new HashMap<>(Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers(),
                "atsrelay.kafka.prefix", "bench.", "spring.r2dbc.url", db.r2dbcUrl(), "spring.r2dbc.username", db.username(),
                "spring.r2dbc.password", db.password(), "spring.flyway.url", db.jdbcUrl(), "spring.flyway.user", db.username(),
                "spring.flyway.password", db.password()));
        p.put("logging.level.root", "warn");
        return p;
    }

    private static String metrics(ServiceProcess dispatcher) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(dispatcher.url("/actuator/prometheus"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode post(String url, String bearer, Object body) throws Exception {
        return send("POST", url, bearer, body);
    }

    /** Two clients may edit one webhook at the same moment: the loser of that race (409) simply edits again. */
    private static JsonNode patch(String url, String bearer, Object body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return send("PATCH", url, bearer, body);
            } catch (IllegalStateException conflict) {
                if (!conflict.getMessage().contains("answered 409") || attempt == 5) {
                    throw conflict;
                }
            }
        }
    }

    private static JsonNode send(String method, String url, String bearer, Object body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + bearer)
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
