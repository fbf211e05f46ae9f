package dev.atsrelay.ingest.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of malformed and hostile events, each built so that it must be refused: broken JSON, wrong
 * types, oversized fields, deep nesting, unknown or reserved types, missing required fields, unknown fields, bad
 * formats, and events of another tenant. Every input names the field at fault, if one is.
 */
final class HostileInputs {

    /** One input: its bytes, what kind of mistake it is, and whether it only fails because of the caller's key. */
    record Input(String kind, byte[] body, boolean onlyWrongForTheCallersTenant) {
        @Override
        public String toString() {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return kind + ": " + text + (body.length > 300 ? "… (" + body.length + " bytes)" : "");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path EVENTS = Path.of("../docs/events");

    private final Random random;
    private final String tenant;
    private final List<ObjectNode> valid = new ArrayList<>();
    private final List<ObjectNode> reserved = new ArrayList<>();
    private final Map<String, JsonNode> schemas = new TreeMap<>();

    HostileInputs(long seed, String tenant) {
        this.random = new Random(seed);
        this.tenant = tenant;
        try {
            for (JsonNode t : JSON.readTree(Files.readString(EVENTS.resolve("catalogue.json"))).get("types")) {
                ObjectNode example = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(t.get("example").asString())));
                example.put("tenantid", tenant);
                (t.get("origin").asString().equals("ats-core") ? valid : reserved).add(example);
                schemas.put(t.get("type").asString(), JSON.readTree(Files.readString(EVENTS.resolve(t.get("schema").asString()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Input> generate(int count) {
        List<Input> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(next(i));
        }
        return inputs;
    }

    private Input next(int n) {
        ObjectNode event = pick(valid).deepCopy();
        event.put("id", "evt_hostile_" + n);
        ObjectNode data = (ObjectNode) event.get("data");
        String type = event.get("type").asString();
        return switch (random.nextInt(14)) {
            case 0 -> new Input("truncated JSON", truncate(bytes(event)), false);
            case 1 -> new Input("random bytes", randomBytes(), false);
            case 2 -> new Input("not an object", pick(List.of("[]", "42", "\"event\"", "null", "true", "[{}]", "  ")).getBytes(StandardCharsets.UTF_8), false);
            case 3 -> {
                String field = pick(List.of("id", "source", "type", "time", "subject", "specversion", "data", "tenantid"));
                event.set(field, wrongValue(field.equals("data")));
                yield new Input("envelope field of the wrong type: " + field, bytes(event), false);
            }
            case 4 -> {
                String field = pick(typedDataFields(type));
                boolean numeric = schemas.get(type).get("properties").get(field).path("type").asString("").matches("integer|number");
                data.set(field, numeric ? NODES.stringNode("not a number") : wrongValue(false));
                yield new Input("data field of the wrong type: " + field, bytes(event), false);
            }
            case 5 -> {
                String field = pick(stringDataFields(type));
                data.put(field, "x".repeat(1 + maxLength(type, field) + random.nextInt(random.nextBoolean() ? 2_000 : 300_000)));
                yield new Input("oversized field: " + field, bytes(event), false);
            }
            case 6 -> {
                // written as text: Jackson itself refuses to write documents nested beyond 500 levels
                data.put("nested", "__deep__");
                int depth = 5 + random.nextInt(random.nextBoolean() ? 30 : 3_000);
                String deep = random.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth)
                        : "{\"n\":".repeat(depth) + "1" + "}".repeat(depth);
                yield new Input("deep nesting", new String(bytes(event), StandardCharsets.UTF_8).replace("\"__deep__\"", deep)
                        .getBytes(StandardCharsets.UTF_8), false);
            }
            case 7 -> {
                event.put("type", pick(List.of("job.exploded", "candidate.teleported", "JOB.OPENED", "job", "job.opened.v2",
                        "", "job..opened", "x".repeat(200), "job.opened;drop table")));
                yield new Input("unknown type", bytes(event), false);
            }
            case 8 -> {
                ObjectNode platform = pick(reserved).deepCopy();
                platform.put("id", "evt_hostile_" + n);
                yield new Input("reserved platform type", bytes(platform), false);
            }
            case 9 -> {
                List<String> required = new ArrayList<>(List.of("specversion", "id", "source", "type", "time", "data"));
                schemas.get(type).get("required").forEach(r -> required.add("data." + r.asString()));
                String field = pick(required);
                if (field.startsWith("data.")) {
                    data.remove(field.substring(5));
                } else {
                    event.remove(field);
                }
                yield new Input("missing required field: " + field, bytes(event), false);
            }
            case 10 -> {
                if (random.nextBoolean()) {
                    data.put(pick(List.of("salary", "jobID", "__proto__", "constructor", "$where", "job_id")), "surprise");
                    yield new Input("unknown data field", bytes(event), false);
                }
                event.put(pick(List.of("Tenant-Id", "tenantId", "x-ats", "averyveryverylongattributename", "ünïcode", "")), "value");
                yield new Input("invalid envelope attribute name", bytes(event), false);
            }
            case 11 -> {
                String field = pick(List.of("time", "id", "tenantid", "specversion", "datacontenttype", "traceparent"));
                event.put(field, switch (field) {
                    case "time" -> pick(List.of("yesterday", "2026-13-45T25:61:00Z", "1700000000", "2026-11-23 09:15"));
                    case "id" -> pick(List.of("has spaces", "", "tab\there", "x".repeat(201)));
                    case "tenantid" -> pick(List.of("tenant-1", "tn_", "TN_01JDX2ZQ3M5N7P9R1S3T5V7W9X", "tn_01jdx2zq3m5n7p9r1s3t5v7w9x' OR 1=1"));
                    case "specversion" -> pick(List.of("0.3", "1", "2.0"));
                    case "datacontenttype" -> pick(List.of("text/xml", "application/xml"));
                    default -> "not-a-traceparent";
                });
                yield new Input("bad format: " + field, bytes(event), false);
            }
            case 12 -> {
                event.put("tenantid", "tn_" + Long.toString(Math.abs(random.nextLong()), 36).concat("0".repeat(26)).substring(0, 26));
                yield new Input("another tenant's event", bytes(event), true);
            }
            default -> {
                ArrayNode huge = data.putArray("attachments");
                for (int i = 0; i < 20_000; i++) {
                    huge.add(i);
                }
                yield new Input("many values in an unknown field", bytes(event), false);
            }
        };
    }

    private List<String> typedDataFields(String type) {
        List<String> fields = new ArrayList<>();
        schemas.get(type).get("properties").properties().forEach(p -> fields.add(p.getKey()));
        return fields;
    }

    private List<String> stringDataFields(String type) {
        List<String> fields = new ArrayList<>();
        schemas.get(type).get("properties").properties().forEach(p -> {
            if (p.getValue().path("type").asString("").equals("string") && p.getValue().has("maxLength")) {
                fields.add(p.getKey());
            }
        });
        return fields;
    }

    private int maxLength(String type, String field) {
        return schemas.get(type).get("properties").get(field).get("maxLength").asInt();
    }

    /** A value of another JSON type than any the schemas allow for that field (null only where null is not allowed). */
    private JsonNode wrongValue(boolean forObjectField) {
        return switch (random.nextInt(forObjectField ? 4 : 3)) {
            case 0 -> NODES.numberNode(random.nextInt(1_000_000) - 500_000);
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.arrayNode().add("a").add(1);
            default -> NODES.stringNode("not an object");
        };
    }

    private byte[] truncate(byte[] json) {
        return java.util.Arrays.copyOf(json, 1 + random.nextInt(json.length - 2));
    }

    private byte[] randomBytes() {
        byte[] b = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(b);
        b[0] = (byte) (random.nextBoolean() ? '{' : 0xff);
        return b;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
