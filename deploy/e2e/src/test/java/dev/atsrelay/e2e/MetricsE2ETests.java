package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ServiceProcess;
import dev.atsrelay.testkit.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The metrics as Prometheus sees them, on each service's real {@code /actuator/prometheus} (the built jars, after a
 * delivery and a rejected event so that lazily registered meters exist): they pass {@code promtool check metrics}
 * apart from the third-party names excluded below, and every metric the Grafana dashboard and the alert rules query
 * exists. Needs promtool (Debian's {@code prometheus}; deploy/test installs it).
 */
class MetricsE2ETests {

    /**
     * Third-party names that promtool's linter flags, excluded explicitly, each with the reason. We do not rename
     * them: dashboards and exporters everywhere use these names.
     */
    private static final Map<Predicate<String>, String> THIRD_PARTY = new LinkedHashMap<>();

    static {
        THIRD_PARTY.put(n -> n.startsWith("kafka_consumer_") || n.startsWith("kafka_producer_") || n.equals("kafka_app_info_start_time_ms"),
                "Kafka client metrics (KafkaClientMetrics / Spring Kafka's Micrometer listeners) keep Kafka's own names: "
                        + "units like _ms/_ns, a *_count gauge (connection_count), some without a description");
        THIRD_PARTY.put(n -> n.startsWith("http_server_requests_"),
                "Spring's observation-based HTTP server timer has no description (no HELP text)");
        THIRD_PARTY.put(n -> n.startsWith("tasks_scheduled_execution_"),
                "Spring's observation-based @Scheduled timer has no description (no HELP text)");
        THIRD_PARTY.put(n -> n.equals("jvm_compilation_time_ms_total") || n.equals("process_cpu_time_ns_total"),
                "Micrometer's JVM/process binders put the unit (ms, ns) in the name");
        THIRD_PARTY.put(n -> n.equals("system_cpu_count"), "Micrometer's processor binder names a gauge *_count");
    }

    private static final Path ROOT = Path.of(System.getProperty("atsrelay.root"));
    private static Platform platform;
    private static Map<String, String> scrapes;

    @BeforeAll
    static void startPlatformAndMakeTraffic() throws Exception {
        platform = Platform.shared();
        try (var receiver = new WebhookReceiver()) {
            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Metrics Agency"));
            String tenantId = tenant.body().get("id").asString();
            String adminKey = tenant.body().get("adminKey").get("key").asString();
            String eventsKey = Http.post(platform.config.url("/v1/api-keys"), adminKey,
                    Map.of("name", "ATS core", "scopes", List.of("events:write"))).body().get("key").asString();
            String webhookId = Http.post(platform.config.url("/v1/webhooks"), adminKey,
                    Map.of("url", receiver.url("/hooks/metrics"), "eventTypes", List.of("job.opened"))).body().get("id").asString();
            assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/test"), adminKey, Map.of())
                    .body().get("passed").asBoolean()).isTrue();
            assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/activate"), adminKey, Map.of()).status())
                    .isEqualTo(200);
            WalkingSkeletonE2ETests.awaitStatus(() -> {
                var r = Http.get(platform.dispatcher.url("/v1/endpoints/" + webhookId), adminKey);
                return r.status() == 200 && r.body().get("enabled").asBoolean() ? r : new Http.Response(0, null, r.text());
            }, 200);
            receiver.clear();
            ObjectNode event = (ObjectNode) Http.JSON.readTree(Files.readString(ROOT.resolve("docs/events/examples/job.opened.json")));
            event.put("id", "evt_metrics_" + System.nanoTime());
            event.put("tenantid", tenantId);
            WalkingSkeletonE2ETests.awaitStatus(() -> Http.post(platform.ingest.url("/v1/events"), eventsKey, event), 202);
            receiver.await(1, Duration.ofSeconds(30));
            ObjectNode invalid = event.deepCopy();
            invalid.put("id", "evt_metrics_invalid_" + System.nanoTime());
            invalid.put("type", "job.no_such_type");
            assertThat(Http.post(platform.ingest.url("/v1/events"), eventsKey, invalid).status()).isBetween(400, 499);
        }
        // Micrometer's KafkaClientMetrics looks for new Kafka client metrics once a minute: the per-partition lag
        // gauges appear up to a minute after the consumer's first fetch of a partition
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!scrape(platform.dispatcher.url("/actuator/prometheus")).contains("kafka_consumer_fetch_manager_records_lag{")
                && System.nanoTime() < deadline) {
            ServiceProcess.sleep(1000);
        }
        scrapes = new TreeMap<>();
        for (ServiceProcess s : List.of(platform.config, platform.ingest, platform.dispatcher, platform.marketplace)) {
            scrapes.put(s.name(), scrape(s.url("/actuator/prometheus")));
        }
    }

    @Test
    void everyServicesOwnMetricsPassPromtoolCheckMetrics() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> excludedThirdParty = new TreeSet<>();
        for (var scrape : scrapes.entrySet()) {
            for (String line : promtoolCheckMetrics(scrape.getValue())) {
                String name = line.split(" ", 2)[0];
                if (THIRD_PARTY.keySet().stream().anyMatch(p -> p.test(name))) {
                    excludedThirdParty.add(name);
                } else {
                    failures.add(scrape.getKey() + ": " + line);
                }
            }
        }
        System.out.println("promtool check metrics: " + excludedThirdParty.size() + " third-party names excluded: " + excludedThirdParty);
        assertThat(failures).as("promtool check metrics findings not excluded in MetricsE2ETests").isEmpty();
        assertThat(scrapes.values()).allSatisfy(text -> assertThat(text).contains("# TYPE atsrelay_"));
    }

    @Test
    void everyMetricTheDashboardQueriesExists() throws Exception {
        Set<String> recorded = recordedNames();
        Set<String> scraped = scrapedNames();
        JsonNode dashboard = Http.JSON.readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/atsrelay-overview.json")));
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        assertThat(exprs).hasSizeGreaterThan(20);
        Set<String> unknown = new TreeSet<>();
        exprs.forEach(e -> PromQl.metricNames(e).stream()
                .filter(n -> !scraped.contains(n) && !recorded.contains(n) && !n.equals("up"))
                .forEach(n -> unknown.add(n + "  in  " + e)));
        assertThat(unknown).as("dashboard queries naming metrics absent from the services' real scrape").isEmpty();
    }

    @Test
    void everyMetricTheRulesQueryExists() throws Exception {
        Set<String> scraped = scrapedNames();
        Set<String> recorded = recordedNames();
        Set<String> unknown = new TreeSet<>();
        for (Map<String, Object> rule : rules()) {
            String expr = String.valueOf(rule.get("expr"));
            PromQl.metricNames(expr).stream()
                    .filter(n -> !scraped.contains(n) && !recorded.contains(n) && !n.equals("up"))
                    .forEach(n -> unknown.add(n + "  in  " + rule.getOrDefault("alert", rule.get("record"))));
        }
        assertThat(unknown).as("rules naming metrics absent from the services' real scrape").isEmpty();
    }

    private static List<String> promtoolCheckMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static Set<String> scrapedNames() {
        Set<String> names = new TreeSet<>();
        scrapes.values().forEach(text -> text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add));
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Map<String, Object> doc = new Yaml().load(Files.readString(file));
                for (var group : (List<Map<String, Object>>) doc.get("groups")) {
                    rules.addAll((List<Map<String, Object>>) group.get("rules"));
                }
            }
        }
        return rules;
    }

    private static Set<String> recordedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        rules().stream().filter(r -> r.containsKey("record")).forEach(r -> names.add((String) r.get("record")));
        return names;
    }

    private static void collectExprs(JsonNode node, List<String> exprs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isString()) {
                    exprs.add(e.getValue().asString());
                } else {
                    collectExprs(e.getValue(), exprs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, exprs));
        }
    }

    private static String scrape(String url) throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException(url + " answered " + response.statusCode()));
        }
        return response.body();
    }
}
