package dev.atsrelay.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue in docs/events is complete and consistent: every type has a schema and an example that validates. */
class CatalogueTests {

    private static final Path EVENTS = Path.of("../docs/events");
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventValidator validator = new EventValidator(new SchemaCatalogue(json), 256 * 1024);

    @Test
    void everyExampleOfAnAtsCoreTypeIsAcceptedAndKeyedAsDocumented() throws IOException {
        for (JsonNode entry : catalogue().get("types")) {
            if (!entry.get("origin").asString().equals("ats-core")) {
                continue;
            }
            JsonNode example = json.readTree(Files.readString(EVENTS.resolve(entry.get("example").asString())));
            assertThat(example.get("type").asString()).isEqualTo(entry.get("type").asString());
            var outcome = validator.validate(json.writeValueAsBytes(example), example.get("tenantid").asString());
            assertThat(outcome).as(entry.get("type").asString()).isInstanceOfSatisfying(EventValidator.Accepted.class, a -> {
                String tenant = example.get("tenantid").asString();
                if (entry.get("key").asString().equals("tenant+job")) {
                    assertThat(a.key()).isEqualTo(tenant + ":job:" + example.get("data").get("jobId").asString());
                }
            });
        }
    }

    @Test
    void platformTypesHaveValidExamplesButAreNeverAcceptedFromOutside() throws IOException {
        var catalogue = new SchemaCatalogue(json);
        for (JsonNode entry : catalogue().get("types")) {
            if (!entry.get("origin").asString().equals("platform")) {
                continue;
            }
            JsonNode example = json.readTree(Files.readString(EVENTS.resolve(entry.get("example").asString())));
            EventType type = catalogue.type(entry.get("type").asString()).orElseThrow();
            assertThat(type.schema().validate(example.get("data"))).as(entry.get("type").asString()).isEmpty();
            assertThat(catalogue.envelope().validate(example)).isEmpty();
            var outcome = validator.validate(json.writeValueAsBytes(example), example.get("tenantid").asString());
            assertThat(((EventValidator.Rejected) outcome).rejection().code()).isEqualTo(RejectionCode.RESERVED_EVENT_TYPE);
        }
    }

    @Test
    void everySchemaFileIsInTheCatalogueAndTheReverse() throws IOException {
        Set<String> listed = new HashSet<>();
        catalogue().get("types").forEach(t -> listed.add(t.get("schema").asString()));
        try (Stream<Path> files = Files.list(EVENTS)) {
            Set<String> onDisk = new HashSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".schema.json") && !n.equals("envelope.schema.json")).toList());
            assertThat(onDisk).isEqualTo(listed);
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(14);
    }

    private JsonNode catalogue() throws IOException {
        return json.readTree(Files.readString(EVENTS.resolve("catalogue.json")));
    }
}
