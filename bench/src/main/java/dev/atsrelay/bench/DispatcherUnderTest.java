package dev.atsrelay.bench;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.Postgres;
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

/**
 * dispatcher-service as the benchmark runs it: the built jar as its own process with its shipped defaults (signing,
 * attempt log in PostgreSQL, one consumer thread), prefix {@code bench.}, and its webhooks published straight on the
 * configuration topic in config-service's shape ({@link ConfigTopicFixture}) — config-service is not started.
 */
final class DispatcherUnderTest implements AutoCloseable {

    static final String PREFIX = "bench.";
    /** Dispatcher settings to try instead of the shipped defaults: {@code -Ddispatcher.properties=key=value,...}. */
    static final Map<String, String> OVERRIDES = overrides(System.getProperty("dispatcher.properties", ""));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess process;
    private final ConfigTopicFixture config;

    DispatcherUnderTest(String bootstrap) {
        this.config = new ConfigTopicFixture(bootstrap, PREFIX);
        Postgres.Database db = Postgres.newDatabase("bench_dispatch");
        Map<String, String> p = new HashMap<>(Map.of("spring.kafka.bootstrap-servers", bootstrap,
                "atsrelay.kafka.prefix", PREFIX, "spring.r2dbc.url", db.r2dbcUrl(), "spring.r2dbc.username", db.username(),
                "spring.r2dbc.password", db.password(), "spring.flyway.url", db.jdbcUrl(), "spring.flyway.user", db.username(),
                "spring.flyway.password", db.password()));
        p.put("logging.level.root", "warn");
        // the sinks are on loopback, which the SSRF guard refuses unless allowed
        p.put("atsrelay.dispatcher.ssrf.allow", "127.0.0.1");
        p.putAll(OVERRIDES);
        this.process = new ServiceProcess("dispatcher-service", p, Map.of(
                "ATSRELAY_SECRETS_KEY", ConfigTopicFixture.SECRETS_KEY,
                "ATSRELAY_INTERNAL_TOKEN", "bench-internal-token-0123456789abcdef"));
    }

    private static Map<String, String> overrides(String list) {
        Map<String, String> result = new java.util.TreeMap<>();
        for (String entry : list.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                result.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return result;
    }

    /** Starts the dispatcher (again, after {@link #stop()}: same port, database and consumer group). */
    DispatcherUnderTest start() {
        process.start().awaitHealthy(Duration.ofSeconds(180));
        return this;
    }

    /** SIGTERM: the dispatcher finishes what it dispatched, commits (a clean handover) and leaves the group. */
    void stop() {
        process.close();
    }

    /** A tenant and the ids of its webhooks. */
    record Tenant(String id, List<String> webhookIds) {
    }

    /**
     * Publishes {@code tenants} new tenants with {@code webhooksPerTenant} webhooks each (webhook w of tenant t posts
     * {@code typeOf(t, w)} events to {@code urlOf(t, w)}), all signed with {@code secret}, and waits until the
     * dispatcher holds the last one: the configuration topic has one partition, so it then holds them all.
     */
    List<Tenant> publish(int tenants, int webhooksPerTenant, java.util.function.BiFunction<Integer, Integer, String> urlOf,
                         java.util.function.BiFunction<Integer, Integer, String> typeOf, String secret) throws InterruptedException {
        List<Tenant> result = new ArrayList<>();
        List<ConfigTopicFixture.WebhookRecord> records = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            String tenant = ConfigTopicFixture.newTenantId();
            List<String> ids = new ArrayList<>();
            for (int w = 0; w < webhooksPerTenant; w++) {
                String id = ConfigTopicFixture.newWebhookId();
                ids.add(id);
                records.add(new ConfigTopicFixture.WebhookRecord(id, tenant, 1, urlOf.apply(t, w), secret, true, "{}", "{}",
                        List.of(typeOf.apply(t, w))));
            }
            result.add(new Tenant(tenant, ids));
        }
        Tenant last = result.get(result.size() - 1);
        String key = config.publishKey(last.id(), "admin");
        config.publishWebhooks(records);
        awaitEndpoint(key, last.webhookIds().get(last.webhookIds().size() - 1));
        return result;
    }

    private void awaitEndpoint(String key, String webhookId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (status("/v1/endpoints/" + webhookId, key) != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("webhook " + webhookId + " did not reach the dispatcher in 120 s");
            }
            Thread.sleep(50);
        }
    }

    private int status(String path, String key) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(process.url(path))).header("authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CPU time the dispatcher process has used so far (all its threads). */
    Duration cpu() {
        // the broker's command line names the jar too (on its class path); only the service runs it with -jar
        return ProcessHandle.current().children()
                .filter(h -> h.info().commandLine().orElse("").matches(".* -jar \\S*dispatcher-service-[^ ]*\\.jar.*"))
                .findFirst().flatMap(h -> h.info().totalCpuDuration()).orElseThrow();
    }

    /**
     * The dispatcher's delivery counters (attempts by outcome, deferrals by reason, hand-offs, retries scheduled),
     * by a short name, read from /actuator/prometheus.
     */
    Map<String, Double> counters() throws Exception {
        Map<String, Double> counters = new java.util.TreeMap<>();
        var m = java.util.regex.Pattern.compile("(?m)^atsrelay_dispatcher_(attempts|deferrals|handoffs|retries_scheduled)_total"
                + "(?:\\{[^}]*?(?:outcome|reason)=\"(\\w+)\"[^}]*}|\\{[^}]*})? (\\S+)").matcher(metrics());
        while (m.find()) {
            counters.merge(m.group(1) + (m.group(2) == null ? "" : "_" + m.group(2)), Double.parseDouble(m.group(3)), Double::sum);
        }
        return counters;
    }

    /** The dispatcher's /actuator/prometheus text. */
    String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(process.url("/actuator/prometheus"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        process.close();
    }
}
