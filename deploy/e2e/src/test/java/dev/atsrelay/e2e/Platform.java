package dev.atsrelay.e2e;

import dev.atsrelay.testkit.ServiceProcess;

import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.Postgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The four services as separate processes on the shared real broker and PostgreSQL (one database each), with a
 * Kafka prefix of their own. Plain http is allowed for 127.0.0.1 only, so receivers on loopback can be used.
 */
final class Platform implements AutoCloseable {

    static final String OPERATOR_TOKEN = "e2e-operator-token-0123456789abcdef";
    static final String SECRETS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String INTERNAL_TOKEN = "e2e-internal-token-0123456789abcdef";

    final ServiceProcess config;
    final ServiceProcess ingest;
    final ServiceProcess dispatcher;
    final ServiceProcess marketplace;
    final String prefix = "e" + UUID.randomUUID().toString().substring(0, 8) + ".";

    Platform() {
        Map<String, String> env = Map.of("ATSRELAY_OPERATOR_TOKEN", OPERATOR_TOKEN, "ATSRELAY_SECRETS_KEY", SECRETS_KEY,
                "ATSRELAY_INTERNAL_TOKEN", INTERNAL_TOKEN);
        var dispatcherProperties = withDatabase(common(), "dispatcher");
        dispatcherProperties.put("atsrelay.dispatcher.consumer.instance-id", "dispatcher-" + prefix);
        // the tests' receivers listen on 127.0.0.1, which the SSRF guard refuses unless allowed
        dispatcherProperties.put("atsrelay.dispatcher.ssrf.allow", "127.0.0.1");
        // failed deliveries are exhausted within seconds (3 attempts, 1 s apart) so runs finish during a test; the
        // breaker stays out of the way of receivers that refuse some messages on purpose (ProtectionIntegrationTests
        // covers it)
        dispatcherProperties.put("atsrelay.dispatcher.delivery.retry-delays", "1s,1s");
        dispatcherProperties.put("atsrelay.dispatcher.delivery.jitter", "0");
        dispatcherProperties.put("atsrelay.dispatcher.protection.breaker.window", "1000");
        dispatcherProperties.put("atsrelay.dispatcher.protection.breaker.minimum-calls", "1000");
        dispatcher = new ServiceProcess("dispatcher-service", dispatcherProperties, env);
        var configProperties = withDatabase(common(), "config");
        configProperties.put("atsrelay.dispatcher.url", dispatcher.url(""));
        config = new ServiceProcess("config-service", configProperties, env);
        ingest = new ServiceProcess("event-ingest-service", withDatabase(common(), "ingest"), env);
        marketplace = new ServiceProcess("marketplace-service", withDatabase(common(), "marketplace"), env);
        // the services call each other: marketplace-service creates custom actions in config-service, which (and the
        // dispatcher) open vendor sessions in marketplace-service
        marketplace.with("atsrelay.config.url", config.url(""));
        config.with("atsrelay.marketplace.url", marketplace.url(""));
        dispatcher.with("atsrelay.marketplace.url", marketplace.url(""));
    }

    private Map<String, String> common() {
        Map<String, String> p = new HashMap<>();
        p.put("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
        p.put("atsrelay.kafka.prefix", prefix);
        p.put("atsrelay.kafka.events.partitions", "4");
        p.put("atsrelay.endpoints.http-allowed-hosts", "127.0.0.1");
        // one debug line per event in ingest and the dispatcher, with its trace id: TracingE2ETests looks for it
        p.put("logging.level.dev.atsrelay.ingest.kafka.KafkaEventLog", "debug");
        p.put("logging.level.dev.atsrelay.dispatcher.event.DomainEventConsumer", "debug");
        return p;
    }

    private static Map<String, String> withDatabase(Map<String, String> p, String name) {
        Postgres.Database db = Postgres.newDatabase(name);
        p.put("spring.r2dbc.url", db.r2dbcUrl());
        p.put("spring.r2dbc.username", db.username());
        p.put("spring.r2dbc.password", db.password());
        p.put("spring.flyway.url", db.jdbcUrl());
        p.put("spring.flyway.user", db.username());
        p.put("spring.flyway.password", db.password());
        return p;
    }

    private static Platform shared;

    /** The platform all end-to-end tests of this JVM share: started once, stopped when the JVM exits. */
    static synchronized Platform shared() {
        if (shared == null) {
            shared = new Platform().start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-platform"));
        }
        return shared;
    }

    /** The shared platform, or null if no test of this JVM has started it. */
    static synchronized Platform sharedIfStarted() {
        return shared;
    }

    List<ServiceProcess> services() {
        return List.of(config, ingest, dispatcher, marketplace);
    }

    Platform start() {
        try {
            // config-service first: it creates the configuration topic the others read
            config.start().awaitHealthy(Duration.ofSeconds(120));
            List<ServiceProcess> rest = List.of(ingest, dispatcher, marketplace);
            rest.forEach(ServiceProcess::start);
            CompletableFuture.allOf(rest.stream()
                    .map(s -> CompletableFuture.runAsync(() -> s.awaitHealthy(Duration.ofSeconds(120))))
                    .toArray(CompletableFuture[]::new)).join();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        List.of(marketplace, dispatcher, ingest, config).forEach(ServiceProcess::close);
    }
}
