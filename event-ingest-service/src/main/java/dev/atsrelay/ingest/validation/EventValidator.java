package dev.atsrelay.ingest.validation;

import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns raw bytes into an accepted, canonical event or a {@link Rejection} that says exactly what is wrong. The same
 * rules serve the HTTP API and the Kafka-native path. Parsing is bounded (nesting, string and number length) so that
 * hostile input costs little and fails clearly.
 */
public final class EventValidator {

    /** The outcome of validating one event. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    /** A valid event: its id and type, the tenant it belongs to, its Kafka key, and the canonical JSON to publish. */
    public record Accepted(String id, String type, String tenant, String key, byte[] canonical) implements Outcome {
    }

    public record Rejected(Rejection rejection) implements Outcome {
    }

    private static final int MAX_ERRORS = 20;

    private final SchemaCatalogue catalogue;
    private final JsonMapper strict;
    private final JsonMapper writer;
    private final int maxEventBytes;

    public EventValidator(SchemaCatalogue catalogue, int maxEventBytes) {
        this.catalogue = catalogue;
        this.maxEventBytes = maxEventBytes;
        this.strict = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(maxEventBytes).maxNumberLength(100).build()).build()).build();
        // sorted properties: the same event always has the same bytes (and idempotency hash), whatever the input order
        this.writer = JsonMapper.builder().enable(tools.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    }

    /** Parses one JSON value, bounded as described above; empty with a rejection if it is not JSON. */
    public JsonNode parse(byte[] raw) throws MalformedJson {
        try {
            JsonNode node = strict.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJson("the body is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new MalformedJson(e.getOriginalMessage());
        }
    }

    /** Validates an event given as bytes; {@code callerTenant} is the API key's tenant, or null on the Kafka path. */
    public Outcome validate(byte[] raw, String callerTenant) {
        if (raw.length > maxEventBytes) {
            return rejected(Rejection.of(RejectionCode.EVENT_TOO_LARGE,
                    "the event is " + raw.length + " bytes; the limit is " + maxEventBytes));
        }
        try {
            return validate(parse(raw), callerTenant);
        } catch (MalformedJson e) {
            return rejected(Rejection.of(RejectionCode.MALFORMED_JSON, "the event is not valid JSON: " + e.getMessage()));
        }
    }

    /** Validates an event already parsed (e.g. one item of a batch). */
    public Outcome validate(JsonNode node, String callerTenant) {
        if (!(node instanceof ObjectNode event)) {
            return rejected(Rejection.of(RejectionCode.NOT_AN_OBJECT, "an event must be a JSON object, not " + node.getNodeType()));
        }
        List<Rejection.FieldError> envelopeErrors = errors(catalogue.envelope(), event, "");
        if (!envelopeErrors.isEmpty()) {
            return rejected(new Rejection(RejectionCode.INVALID_ENVELOPE, summary("envelope", envelopeErrors), envelopeErrors));
        }
        JsonNode given = event.get("tenantid");
        if (given == null && callerTenant == null) {
            return rejected(Rejection.ofField(RejectionCode.TENANT_REQUIRED, "/tenantid", "tenantid is required"));
        }
        if (given != null && callerTenant != null && !given.asString().equals(callerTenant)) {
            return rejected(Rejection.ofField(RejectionCode.TENANT_MISMATCH, "/tenantid",
                    "tenantid names another tenant than the API key's; a key posts events for its own tenant only"));
        }
        String typeName = event.get("type").asString();
        Optional<EventType> type = catalogue.type(typeName);
        if (type.isEmpty()) {
            return rejected(Rejection.ofField(RejectionCode.UNKNOWN_EVENT_TYPE, "/type",
                    "unknown event type '" + typeName + "'; see docs/events/catalogue.json for the known types"));
        }
        if (type.get().fromPlatform()) {
            return rejected(Rejection.ofField(RejectionCode.RESERVED_EVENT_TYPE, "/type",
                    "'" + typeName + "' is emitted by the platform itself and cannot be posted"));
        }
        List<Rejection.FieldError> dataErrors = errors(type.get().schema(), event.get("data"), "/data");
        if (!dataErrors.isEmpty()) {
            return rejected(new Rejection(RejectionCode.INVALID_DATA, summary(typeName + " data", dataErrors), dataErrors));
        }
        String tenant = given != null ? given.asString() : callerTenant;
        event.put("tenantid", tenant);
        if (!event.has("datacontenttype")) {
            event.put("datacontenttype", "application/json");
        }
        byte[] canonical = writer.writeValueAsBytes(event);
        if (canonical.length > maxEventBytes) {
            return rejected(Rejection.of(RejectionCode.EVENT_TOO_LARGE,
                    "the event is " + canonical.length + " bytes; the limit is " + maxEventBytes));
        }
        return new Accepted(event.get("id").asString(), typeName, tenant, key(type.get(), tenant, event), canonical);
    }

    private static String key(EventType type, String tenant, ObjectNode event) {
        return switch (type.key()) {
            case TENANT_JOB -> tenant + ":job:" + event.get("data").get("jobId").asString();
            case TENANT_SUBJECT -> tenant + ":" + (event.has("subject") ? event.get("subject").asString()
                    : event.get("id").asString());
        };
    }

    private static List<Rejection.FieldError> errors(Schema schema, JsonNode node, String prefix) {
        // a fail-fast yes/no first: most events are valid, and only an invalid one needs every error located
        if (Boolean.TRUE.equals(schema.validate(node, OutputFormat.BOOLEAN))) {
            return List.of();
        }
        return schema.validate(node).stream().limit(MAX_ERRORS).map(e -> fieldError(e, prefix)).toList();
    }

    private static Rejection.FieldError fieldError(Error error, String prefix) {
        String location = error.getInstanceLocation().toString();
        String pointer = prefix + (location.equals("$") || location.equals("/") ? "" : location);
        if (error.getProperty() != null && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword()) || "propertyNames".equals(error.getKeyword()))) {
            pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return new Rejection.FieldError(pointer, error.getMessage());
    }

    private static String summary(String what, List<Rejection.FieldError> errors) {
        return "the " + what + " is invalid: " + errors.get(0).detail()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    private static Rejected rejected(Rejection rejection) {
        return new Rejected(rejection);
    }

    /** The input is not JSON, or breaks the parser's limits. */
    public static final class MalformedJson extends Exception {
        MalformedJson(String message) {
            super(message);
        }
    }
}
