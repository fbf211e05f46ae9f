package dev.atsrelay.config.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event types a webhook may subscribe to: the catalogue in docs/events/catalogue.json, packaged by the build,
 * the same file the ingest service validates against.
 */
@Component
public class EventCatalogue {

    private final Set<String> types = new TreeSet<>();

    EventCatalogue(JsonMapper json) {
        try (InputStream in = EventCatalogue.class.getResourceAsStream("/events/catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("events/catalogue.json is missing from the class path");
            }
            for (JsonNode type : json.readTree(in).get("types")) {
                types.add(type.get("type").asString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String type) {
        return type != null && types.contains(type);
    }

    public Set<String> types() {
        return Set.copyOf(types);
    }
}
