package dev.atsrelay.ingest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.ingest.IntegrationTest;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ten thousand seeded malformed or hostile events: every one is refused with a documented problem code (and a field
 * pointer where a field is at fault), none with a 5xx; valid events still succeed afterwards. The same inputs through
 * the Kafka-native path all land on the invalid-events topic with a reason, and none on the canonical topic.
 */
@IntegrationTest
class HostileInputIntegrationTests {

    private static final long SEED = 20261123L;
    private static final int COUNT = 10_000;
    private static final Set<String> FIELD_CODES = Set.of("invalid_envelope", "invalid_data", "unknown_event_type",
            "reserved_event_type", "tenant_mismatch");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    static Set<String> documentedCodes() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\|\\s*`([a-z_]+)`").matcher(Files.readString(Path.of("../docs/problems.md")));
        Set<String> codes = new java.util.TreeSet<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    @Test
    void everyHostileRequestIsRefusedClearlyAndValidOnesStillSucceed() throws Exception {
        String tenant = ConfigTopicFixture.newTenantId();
        String key = new ConfigTopicFixture(prefix).publishKey(tenant, "events:write");
        awaitKeyKnown(key);
        Set<String> documented = documentedCodes();
        var inputs = new HostileInputs(SEED, tenant).generate(COUNT);
        var byCode = new TreeMap<String, Integer>();
        for (var input : inputs) {
            var result = http.post().uri("/v1/events").headers(h -> h.setBearerAuth(key)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(input.body()).exchange().expectBody().returnResult();
            int status = result.getStatus().value();
            assertThat(status).as(input.toString()).isBetween(400, 499);
            assertThat(result.getResponseHeaders().getContentType()).as(input.toString()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = JSON.readTree(result.getResponseBodyContent());
            String code = problem.path("code").asString("");
            assertThat(documented).as("code of " + input).contains(code);
            if (FIELD_CODES.contains(code)) {
                assertThat(problem.path("errors").size()).as(input.toString()).isPositive();
                problem.get("errors").forEach(e -> assertThat(e.path("pointer").asString("")).as(input.toString()).startsWith("/"));
            }
            byCode.merge(code, 1, Integer::sum);
        }
        System.out.println("hostile HTTP inputs by problem code: " + byCode);
        assertThat(byCode.keySet()).contains("malformed_json", "not_an_object", "invalid_envelope", "invalid_data",
                "unknown_event_type", "reserved_event_type", "tenant_mismatch", "event_too_large");

        var valid = (tools.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(Path.of("../docs/events/examples/job.filled.json")));
        valid.put("tenantid", tenant);
        valid.put("id", "evt_after_hostile");
        http.post().uri("/v1/events").headers(h -> h.setBearerAuth(key)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(valid.toString()).exchange().expectStatus().isAccepted();
    }

    @Test
    void theSameInputsThroughKafkaAllLandOnTheInvalidTopicWithAReason() throws Exception {
        String tenant = ConfigTopicFixture.newTenantId();
        // an event of another tenant is only wrong for an API key; on the Kafka path there is none (ACLs trust producers)
        List<HostileInputs.Input> inputs = new HostileInputs(SEED, tenant).generate(COUNT).stream()
                .filter(i -> !i.onlyWrongForTheCallersTenant()).toList();
        Set<String> documented = documentedCodes();
        long canonicalBefore;
        try (var canonical = new TopicReader(prefix + "ats.events.v1")) {
            canonicalBefore = canonical.readFor(Duration.ofSeconds(1)).size();
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        p.put("max.request.size", 2_000_000);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < inputs.size(); i++) {
                producer.send(new ProducerRecord<>(prefix + "ats.events.inbound.v1", "hostile-" + i, inputs.get(i).body()));
            }
            producer.flush();
        }
        try (var invalid = new TopicReader(prefix + "ats.events.invalid.v1")) {
            var rejects = invalid.readUntil(rs -> rs.stream().filter(r -> r.key() != null && r.key().startsWith("hostile-")).count()
                    >= inputs.size(), Duration.ofSeconds(120)).stream().filter(r -> r.key() != null && r.key().startsWith("hostile-")).toList();
            assertThat(rejects).hasSize(inputs.size());
            assertThat(rejects).allSatisfy(r -> {
                assertThat(documented).contains(r.headers().get("rejection-code"));
                assertThat(r.headers().get("rejection-detail")).isNotBlank();
            });
            System.out.println("hostile Kafka inputs by rejection code: " + rejects.stream()
                    .collect(Collectors.groupingBy(r -> r.headers().get("rejection-code"), TreeMap::new, Collectors.counting())));
        }
        try (var canonical = new TopicReader(prefix + "ats.events.v1")) {
            assertThat(canonical.readFor(Duration.ofSeconds(2))).hasSize((int) canonicalBefore);
        }
    }

    private void awaitKeyKnown(String apiKey) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (http.post().uri("/v1/events").headers(h -> h.setBearerAuth(apiKey)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectBody().returnResult().getStatus().value() == 401) {
            assertThat(Instant.now()).isBefore(deadline);
            try {
                Thread.sleep(50); // a busy loop of requests only loads the server the test is waiting on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
