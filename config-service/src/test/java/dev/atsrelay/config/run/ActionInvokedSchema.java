package dev.atsrelay.config.run;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract in docs/events (packaged under events/): the envelope schema and the action.invoked data schema. */
final class ActionInvokedSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER).formatAssertionsEnabled(true).build()));
    private static final Schema ENVELOPE = REGISTRY.getSchema(open("envelope.schema.json"));
    private static final Schema DATA = REGISTRY.getSchema(open("action.invoked.v1.schema.json"));

    private ActionInvokedSchema() {
    }

    /** Every violation of the envelope or the data schema; empty for a valid event. */
    static List<String> violations(String event) {
        JsonNode node = JSON.readTree(event);
        List<String> errors = new ArrayList<>();
        ENVELOPE.validate(node).forEach(e -> errors.add("envelope " + e.getInstanceLocation() + ": " + e.getMessage()));
        DATA.validate(node.get("data")).forEach(e -> errors.add("data " + e.getInstanceLocation() + ": " + e.getMessage()));
        return errors;
    }

    private static InputStream open(String file) {
        InputStream in = ActionInvokedSchema.class.getResourceAsStream("/events/" + file);
        if (in == null) {
            throw new IllegalStateException("events/" + file + " is missing from the class path");
        }
        return in;
    }
}
