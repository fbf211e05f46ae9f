package dev.atsrelay.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventValidatorTests {

    private static final String TENANT = "tn_01jdx2zq3m5n7p9r1s3t5v7w9x";
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventValidator validator = new EventValidator(new SchemaCatalogue(json), 256 * 1024);

    private ObjectNode example() throws IOException {
        return (ObjectNode) json.readTree(Files.readString(Path.of("../docs/events/examples/job.opened.json")));
    }

    private Rejection rejection(Object event, String tenant) {
        byte[] raw = event instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(event);
        var outcome = validator.validate(raw, tenant);
        assertThat(outcome).isInstanceOf(EventValidator.Rejected.class);
        return ((EventValidator.Rejected) outcome).rejection();
    }

    @Test
    void acceptsTheDocumentedExampleAndKeysItByTenantAndJob() throws IOException {
        var outcome = validator.validate(json.writeValueAsBytes(example()), TENANT);
        assertThat(outcome).isInstanceOfSatisfying(EventValidator.Accepted.class, a -> {
            assertThat(a.key()).isEqualTo(TENANT + ":job:J-1042");
            assertThat(a.type()).isEqualTo("job.opened");
            assertThat(new String(a.canonical(), StandardCharsets.UTF_8)).contains("\"tenantid\":\"" + TENANT + "\"");
        });
    }

    @Test
    void theCanonicalFormIsCompactWithEveryObjectsPropertiesSortedAndTheTenantAndContentTypeFilledIn() {
        // what the topic carries and the idempotency hash covers: consumers rely on these exact bytes
        String posted = """
                {
                  "specversion": "1.0", "id": "evt_canonical_1", "source": "/ats/jobs", "type": "job.updated",
                  "time": "2026-11-23T09:05:00Z",   "subject": "job/J-1042",
                  "data": { "jobId": "J-1042", "title": "\\u00dac\\u0065tní \\"senior\\" \\\\ \\u20ac \\/",
                            "changes": [ { "to": { "b": 2, "a": [1, 2.50, null, true, {}] }, "from": "Brno\\n", "field": "location" } ],
                            "updatedBy": { "type": "user", "id": "u-77", "name": "Dana Whitfield \uD83D\uDE00" } }
                }
                """;
        String canonical = "{\"data\":{\"changes\":[{\"field\":\"location\",\"from\":\"Brno\\n\",\"to\":{\"a\":[1,2.5,null,true,{}],\"b\":2}}],"
                + "\"jobId\":\"J-1042\",\"title\":\"Úcetní \\\"senior\\\" \\\\ € /\",\"updatedBy\":{\"id\":\"u-77\",\"name\":\"Dana Whitfield \uD83D\uDE00\","
                + "\"type\":\"user\"}},\"datacontenttype\":\"application/json\",\"id\":\"evt_canonical_1\",\"source\":\"/ats/jobs\","
                + "\"specversion\":\"1.0\",\"subject\":\"job/J-1042\",\"tenantid\":\"" + TENANT + "\",\"time\":\"2026-11-23T09:05:00Z\","
                + "\"type\":\"job.updated\"}";
        assertThat(validator.validate(posted.getBytes(StandardCharsets.UTF_8), TENANT))
                .isInstanceOfSatisfying(EventValidator.Accepted.class,
                        a -> assertThat(a.canonical()).isEqualTo(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fillsTheTenantFromTheKeyWhenTheEventOmitsIt() throws IOException {
        var event = example();
        event.remove("tenantid");
        assertThat(validator.validate(json.writeValueAsBytes(event), TENANT))
                .isInstanceOfSatisfying(EventValidator.Accepted.class, a -> assertThat(a.tenant()).isEqualTo(TENANT));
    }

    @Test
    void pointsAtAMissingDataField() throws IOException {
        var event = example();
        ((ObjectNode) event.get("data")).remove("jobId");
        var r = rejection(event, TENANT);
        assertThat(r.code()).isEqualTo(RejectionCode.INVALID_DATA);
        assertThat(r.errors()).extracting(Rejection.FieldError::pointer).containsExactly("/data/jobId");
    }

    @Test
    void pointsAtAnUnknownDataField() throws IOException {
        var event = example();
        ((ObjectNode) event.get("data")).put("salary", 100);
        assertThat(rejection(event, TENANT).errors()).extracting(Rejection.FieldError::pointer).containsExactly("/data/salary");
    }

    @Test
    void pointsAtAWrongType() throws IOException {
        var event = example();
        ((ObjectNode) event.get("data")).put("title", 42);
        var r = rejection(event, TENANT);
        assertThat(r.errors()).extracting(Rejection.FieldError::pointer).containsExactly("/data/title");
    }

    @Test
    void rejectsAnUnknownTypeAtSlashType() throws IOException {
        var event = example();
        event.put("type", "job.exploded");
        var r = rejection(event, TENANT);
        assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_EVENT_TYPE);
        assertThat(r.errors()).extracting(Rejection.FieldError::pointer).containsExactly("/type");
    }

    @Test
    void rejectsATimeThatIsNotRfc3339() throws IOException {
        var event = example();
        event.put("time", "yesterday");
        var r = rejection(event, TENANT);
        assertThat(r.code()).isEqualTo(RejectionCode.INVALID_ENVELOPE);
        assertThat(r.errors()).extracting(Rejection.FieldError::pointer).containsExactly("/time");
    }

    @Test
    void rejectsAMissingEnvelopeAttributeAtItsPointer() throws IOException {
        var event = example();
        event.remove("source");
        assertThat(rejection(event, TENANT).errors()).extracting(Rejection.FieldError::pointer).containsExactly("/source");
    }

    @Test
    void rejectsAnotherTenantsEvent() throws IOException {
        var r = rejection(example(), "tn_01jdx2zq3m5n7p9r1s3t5v7w00");
        assertThat(r.code()).isEqualTo(RejectionCode.TENANT_MISMATCH);
        assertThat(r.errors()).extracting(Rejection.FieldError::pointer).containsExactly("/tenantid");
    }

    @Test
    void requiresATenantWhenNoKeyGivesOne() throws IOException {
        var event = example();
        event.remove("tenantid");
        assertThat(rejection(event, null).code()).isEqualTo(RejectionCode.TENANT_REQUIRED);
    }

    @Test
    void rejectsBrokenAndDeeplyNestedJsonAsMalformed() {
        assertThat(rejection("{\"id\": ", TENANT).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
        assertThat(rejection("[".repeat(1000) + "]".repeat(1000), TENANT).code()).isEqualTo(RejectionCode.MALFORMED_JSON);
        assertThat(rejection("[1, 2]", TENANT).code()).isEqualTo(RejectionCode.NOT_AN_OBJECT);
    }
}
