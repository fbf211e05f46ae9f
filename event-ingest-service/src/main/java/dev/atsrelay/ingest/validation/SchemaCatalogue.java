package dev.atsrelay.ingest.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope schema and one data schema per event type, loaded from docs/events (packaged under {@code events/}).
 * Validation is networknt json-schema-validator (draft 2020-12, formats asserted, JSON-pointer locations):
 * see docs/adr/0006-json-schema-validation.md.
 */
public final class SchemaCatalogue {

    private final Schema envelope;
    private final Map<String, EventType> types = new TreeMap<>();

    public SchemaCatalogue(JsonMapper json) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true).build()));
        envelope = registry.getSchema(open("envelope.schema.json"));
        JsonNode catalogue = json.readTree(open("catalogue.json"));
        for (JsonNode entry : catalogue.get("types")) {
            String type = entry.get("type").asString();
            types.put(type, new EventType(type, entry.get("version").asInt(),
                    registry.getSchema(open(entry.get("schema").asString())),
                    EventType.KeyRule.of(entry.get("key").asString()), "platform".equals(entry.get("origin").asString())));
        }
    }

    Schema envelope() {
        return envelope;
    }

    Optional<EventType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public java.util.Set<String> typeNames() {
        return java.util.Collections.unmodifiableSet(types.keySet());
    }

    private static InputStream open(String file) {
        InputStream in = SchemaCatalogue.class.getResourceAsStream("/events/" + file);
        if (in == null) {
            throw new UncheckedIOException(new IOException("events/" + file + " is missing from the class path"));
        }
        return in;
    }
}
