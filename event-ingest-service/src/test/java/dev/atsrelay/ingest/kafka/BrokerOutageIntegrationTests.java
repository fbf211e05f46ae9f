package dev.atsrelay.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaProcess;
import dev.atsrelay.testkit.RealInfrastructure;
import dev.atsrelay.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The broker is killed in the middle of a stream of events and started again: every event answered 202 is on the
 * topic afterwards; every other one was answered 503 with Retry-After — nothing that was accepted is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = BrokerOutageIntegrationTests.OwnBroker.class)
@ActiveProfiles("test")
class BrokerOutageIntegrationTests {

    static final KafkaProcess BROKER = new KafkaProcess().start();

    /** The service's own broker process instead of the shared one, so that killing it harms no other test. */
    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> p = RealInfrastructure.properties("");
            p.put("spring.kafka.bootstrap-servers", BROKER.bootstrapServers());
            new ConfigTopicFixture(BROKER.bootstrapServers(), "");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-broker", p));
        }
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void everyAcceptedEventSurvivesTheOutageAndTheRestGot503() throws Exception {
        String tenant = ConfigTopicFixture.newTenantId();
        String key = new ConfigTopicFixture(BROKER.bootstrapServers(), prefix).publishKey(tenant, "events:write");
        ObjectNode template = (ObjectNode) JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("../docs/events/examples/job.updated.json")));
        template.put("tenantid", tenant);
        awaitAccepted(key, template);

        WebTestClient client = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int c = 0; c < 4; c++) {
            futures.add(clients.submit(() -> {
                while (running.get()) {
                    ObjectNode event = template.deepCopy();
                    String id = "evt_outage_" + sequence.incrementAndGet();
                    event.put("id", id);
                    var result = client.post().uri("/v1/events").headers(h -> h.setBearerAuth(key))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(event.toString()).exchange()
                            .returnResult(String.class);
                    int status = result.getStatus().value();
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 202) {
                        accepted.add(id);
                    } else {
                        assertThat(status).as("only 202 or 503").isEqualTo(503);
                        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isNotNull();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(3_000);
        int beforeOutage = accepted.size();
        BROKER.kill();
        Thread.sleep(8_000);
        int duringOutage = accepted.size() - beforeOutage;
        BROKER.start();
        Thread.sleep(6_000);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (var f : futures) {
            f.get(); // a client that failed fails the test
        }

        try (var topic = new TopicReader(BROKER.bootstrapServers(), prefix + "ats.events.v1")) {
            var stored = topic.readUntil(rs -> rs.size() >= accepted.size(), Duration.ofSeconds(60));
            Set<String> storedIds = ConcurrentHashMap.newKeySet();
            stored.forEach(r -> storedIds.add(r.headers().get("ce_id")));
            assertThat(storedIds).containsAll(accepted);
            System.out.printf("broker outage: statuses=%s accepted=%d (before the outage %d, during %d) stored=%d%n",
                    new TreeMap<>(statuses), accepted.size(), beforeOutage, duringOutage, storedIds.size());
        }
        assertThat(statuses).containsKeys(202, 503);
    }

    private void awaitAccepted(String key, ObjectNode template) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            ObjectNode event = template.deepCopy();
            event.put("id", "evt_warmup_" + System.nanoTime());
            int status = http.post().uri("/v1/events").headers(h -> h.setBearerAuth(key)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(event.toString()).exchange().expectBody().returnResult().getStatus().value();
            if (status == 202) {
                return;
            }
            assertThat(Instant.now()).as("the service is ready").isBefore(deadline);
        }
    }
}
