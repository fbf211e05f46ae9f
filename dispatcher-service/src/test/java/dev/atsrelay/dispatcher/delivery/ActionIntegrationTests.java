package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.standardwebhooks.Webhook;
import dev.atsrelay.dispatcher.IntegrationTest;
import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.TopicReader;
import dev.atsrelay.testkit.WebhookReceiver;
import dev.atsrelay.testkit.WebhookReceiver.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Actions end to end inside the dispatcher (docs/adr/0016-action-triggers.md): domain events become action runs
 * (Event actions, stage triggers, template inheritance), every {@code action.invoked} is delivered — signed — to its
 * action's endpoint, and each delivery's outcome is published for run progress. Real broker, database and receivers.
 */
@IntegrationTest
@TestPropertySource(properties = {"atsrelay.dispatcher.delivery.retry-poll-interval=100ms",
        "atsrelay.dispatcher.delivery.retry-delays=200ms,200ms", "atsrelay.dispatcher.delivery.jitter=0"})
class ActionIntegrationTests {

    private static final String SECRET = ConfigTopicFixture.newSecret();

    @Autowired
    WebTestClient http;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    @Test
    void aJobFilledByAnyMethodRunsTheEventActionsOnJobOrderFill() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var f = new DeliveryFixture(http, prefix);
            String fill = action(f, receiver, "\"actionType\":\"event\",\"event\":{\"trigger\":\"job_fill\"}");
            action(f, receiver, "\"actionType\":\"event\",\"event\":{\"trigger\":\"stage_entered\",\"stageIds\":[\"st-offer\"]}");
            for (String method : List.of("manual", "referral_workflow", "api")) {
                publish(f, "job.filled", "J-" + method, data -> data.put("method", method));
            }
            var runs = receiver.await(3, Duration.ofSeconds(20));
            assertThat(runs).hasSize(3);
            for (var run : runs) {
                verify(run);
                JsonNode data = DeliveryFixture.JSON.readTree(run.body()).get("data");
                assertThat(data.at("/action/actionId").asString()).isEqualTo(fill);
                assertThat(data.at("/trigger/kind").asString()).isEqualTo("job_fill");
                assertThat(data.at("/record/area").asString()).isEqualTo("job_order");
                assertThat(data.at("/user/userId").asString()).isEqualTo("u-77");
            }
            assertThat(runs.stream().map(r -> r.body().contains("\"J-manual\"") ? "manual" : r.body().contains("\"J-api\"") ? "api" : "workflow"))
                    .containsExactlyInAnyOrder("manual", "api", "workflow");
        }
    }

    @Test
    void aStageEventRunsTheEventActionsOfThatStageButNeverOfTheFilledStage() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var f = new DeliveryFixture(http, prefix);
            f.config.publishDocument("workflow", f.tenant, "stages", 1, """
                    {"stages":[{"stageId":"st-interview","name":"Interview","filled":false},
                               {"stageId":"st-filled","name":"Filled","filled":true}]}""");
            String interview = action(f, receiver,
                    "\"actionType\":\"event\",\"event\":{\"trigger\":\"stage_entered\",\"stageIds\":[\"st-interview\",\"st-filled\"]}");
            publish(f, "candidate.stage_entered", "J-1", stage("st-screen", false));   // not configured
            publish(f, "candidate.stage_entered", "J-1", stage("st-filled", false));   // the workflow's Filled stage
            publish(f, "candidate.stage_entered", "J-1", stage("st-other", true));     // marked Filled by the event
            publish(f, "candidate.stage_entered", "J-1", stage("st-interview", false)); // configured
            var runs = receiver.await(1, Duration.ofSeconds(20));
            Thread.sleep(1_000); // the events before it were read first (one partition): nothing else may come
            assertThat(receiver.received()).hasSize(1);
            JsonNode data = DeliveryFixture.JSON.readTree(runs.get(0).body()).get("data");
            assertThat(data.at("/action/actionId").asString()).isEqualTo(interview);
            assertThat(data.at("/trigger/kind").asString()).isEqualTo("stage_entered");
            assertThat(data.at("/record/candidateId").asString()).isEqualTo("CAND-5521");
        }
    }

    @Test
    void aJobCreatedFromATemplateInheritsItsStageTriggersEvenWhenTheStageEventFollowsAtOnce() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var f = new DeliveryFixture(http, prefix);
            String fromTemplate = action(f, receiver, "\"actionType\":\"manual\",\"manual\":{\"behaviour\":\"background\"}");
            String fromDefault = action(f, receiver, "\"actionType\":\"manual\",\"manual\":{\"behaviour\":\"background\"}");
            String addedToJob = action(f, receiver, "\"actionType\":\"manual\",\"manual\":{\"behaviour\":\"background\"}");
            f.config.publishDocument("job_template", f.tenant, "tpl-finance", 1,
                    "{\"name\":\"Finance\",\"isDefault\":false,\"stages\":[{\"stageId\":\"st-offer\",\"actionIds\":[\"" + fromTemplate + "\"]}]}");
            f.config.publishDocument("job_template", f.tenant, "tpl-default", 1,
                    "{\"name\":\"Default\",\"isDefault\":true,\"stages\":[{\"stageId\":\"st-offer\",\"actionIds\":[\"" + fromDefault + "\"]}]}");
            f.config.publishDocument("job_triggers", f.tenant, "J-plain", 1,
                    "{\"jobId\":\"J-plain\",\"stages\":[{\"stageId\":\"st-offer\",\"actionIds\":[\"" + addedToJob + "\"]}]}");
            awaitIndexed(f, addedToJob);
            Thread.sleep(500); // the documents after the action records are on the same topic; give them a moment

            // job.created and the stage event right behind it, one producer, same key: read in this order
            publishAll(f, List.of(
                    event(f, "job.created", "J-fin", data -> data.put("templateId", "tpl-finance")),
                    event(f, "candidate.stage_entered", "J-fin", stage("st-offer", false)),
                    event(f, "job.created", "J-plain", data -> data.remove("templateId")),
                    event(f, "candidate.stage_entered", "J-plain", stage("st-offer", false))));
            var runs = receiver.await(3, Duration.ofSeconds(20));
            Thread.sleep(500);
            assertThat(receiver.received()).hasSize(3);
            Map<String, String> actionByJob = new java.util.TreeMap<>();
            for (var run : runs) {
                verify(run);
                JsonNode data = DeliveryFixture.JSON.readTree(run.body()).get("data");
                assertThat(data.at("/trigger/kind").asString()).isEqualTo("stage_trigger");
                actionByJob.merge(data.at("/record/jobId").asString(), data.at("/action/actionId").asString(), (a, b) -> a + "," + b);
            }
            assertThat(actionByJob.get("J-fin")).isEqualTo(fromTemplate);
            assertThat(List.of(actionByJob.get("J-plain").split(","))).containsExactlyInAnyOrder(fromDefault, addedToJob);

            // a later edit of the template does not change what J-fin inherited when it was created
            f.config.publishDocument("job_template", f.tenant, "tpl-finance", 2,
                    "{\"name\":\"Finance\",\"isDefault\":false,\"stages\":[{\"stageId\":\"st-offer\",\"actionIds\":[]}]}");
            Thread.sleep(500);
            publish(f, "candidate.stage_entered", "J-fin", stage("st-offer", false));
            var again = receiver.await(4, Duration.ofSeconds(20)).get(3);
            assertThat(DeliveryFixture.JSON.readTree(again.body()).at("/data/action/actionId").asString()).isEqualTo(fromTemplate);
        }
    }

    @Test
    void anInvocationIsDeliveredToItsActionAndEveryOutcomeIsPublished() throws Exception {
        int[] calls = {0};
        try (var receiver = new WebhookReceiver().respond(r -> ++calls[0] == 1 ? Reply.status(503) : Reply.status(204));
             var failing = new WebhookReceiver().respond(r -> Reply.status(500));
             var outcomes = new TopicReader(prefix + "ats.action.outcomes.v1")) {
            var f = new DeliveryFixture(http, prefix);
            String flaky = action(f, receiver, "\"actionType\":\"manual\",\"manual\":{\"behaviour\":\"background\"}");
            String broken = action(f, failing, "\"actionType\":\"manual\",\"manual\":{\"behaviour\":\"background\"}");
            String deleted = "act_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
            String delivered = invoke(f, flaky, "run_1");
            String failed = invoke(f, broken, "run_1");
            String discarded = invoke(f, deleted, "run_1");
            var records = outcomes.readUntil(rs -> outcome(rs, delivered, "delivered") != null
                    && outcome(rs, failed, "failed") != null && outcome(rs, discarded, "failed") != null, Duration.ofSeconds(30));

            JsonNode retrying = outcome(records, delivered, "retrying");
            assertThat(retrying.get("attempt").asInt()).isEqualTo(1);
            assertThat(retrying.get("status").asInt()).isEqualTo(503);
            JsonNode ok = outcome(records, delivered, "delivered");
            assertThat(ok.get("runId").asString()).isEqualTo("run_1");
            assertThat(ok.get("actionId").asString()).isEqualTo(flaky);
            assertThat(ok.get("attempt").asInt()).isEqualTo(2);
            assertThat(ok.get("messageId").asString()).isEqualTo(MessageId.of(f.tenant, "evt_" + delivered, flaky));
            JsonNode dead = outcome(records, failed, "failed");
            assertThat(dead.get("reason").asString()).isEqualTo("exhausted");
            assertThat(dead.get("attempt").asInt()).isEqualTo(3);
            assertThat(dead.get("status").asInt()).isEqualTo(500);
            assertThat(outcome(records, discarded, "failed").get("reason").asString()).isEqualTo("discarded");
            verify(receiver.received().get(1));
        }
    }

    /** Publishes an action of the test tenant whose endpoint is {@code receiver}; waits until the dispatcher has it. */
    private static String action(DeliveryFixture f, WebhookReceiver receiver, String members) {
        String id = "act_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        f.config.publishDocument("action", f.tenant, id, 1, "{" + members + ",\"name\":\"Action " + id + "\",\"description\":\"test\","
                + "\"endpointUrl\":\"" + receiver.url("/action") + "\",\"enabled\":true,\"secrets\":"
                + ConfigTopicFixture.actionSecrets(id, SECRET) + "}");
        awaitIndexed(f, id);
        return id;
    }

    private static void awaitIndexed(DeliveryFixture f, String actionId) {
        DeliveryFixture.eventually("action " + actionId + " reaches the dispatcher", () -> f.status("/v1/endpoints/" + actionId) == 200);
    }

    /** Checks the signature with the action's secret and the event against docs/events. */
    private static void verify(WebhookReceiver.Received run) throws Exception {
        new Webhook(SECRET).verify(run.body(), Map.of(
                "webhook-id", List.of(run.header("webhook-id")),
                "webhook-timestamp", List.of(run.header("webhook-timestamp")),
                "webhook-signature", List.of(run.header("webhook-signature"))));
        JsonNode event = DeliveryFixture.JSON.readTree(run.body());
        assertThat(schema("envelope.schema.json").validate(event)).isEmpty();
        assertThat(schema("action.invoked.v1.schema.json").validate(event.get("data"))).isEmpty();
    }

    private static Schema schema(String file) throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("../docs/events/" + file)));
    }

    private static Consumer<ObjectNode> stage(String stageId, boolean filled) {
        return data -> {
            ObjectNode stage = data.putObject("stage");
            stage.put("stageId", stageId);
            stage.put("name", stageId);
            stage.put("isFilledStage", filled);
        };
    }

    private static void publish(DeliveryFixture f, String type, String jobId, Consumer<ObjectNode> change) throws Exception {
        publishAll(f, List.of(event(f, type, jobId, change)));
    }

    /** An event of the example of {@code type}, about job {@code jobId}, changed by {@code change}. */
    private static ProducerRecord<String, String> event(DeliveryFixture f, String type, String jobId, Consumer<ObjectNode> change)
            throws Exception {
        ObjectNode event = (ObjectNode) DeliveryFixture.JSON.readTree(Files.readString(Path.of("../docs/events/examples/" + type + ".json")));
        String id = "evt_" + UUID.randomUUID();
        event.put("id", id);
        event.put("tenantid", f.tenant);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("jobId", jobId);
        change.accept(data);
        return record(f.prefix + "ats.events.v1", f.tenant + ":job:" + jobId, id, type, f.tenant, event.toString());
    }

    /** Publishes an action.invoked as config-service does for a manual run; returns its invocation id. */
    private static String invoke(DeliveryFixture f, String actionId, String runId) throws Exception {
        ObjectNode event = (ObjectNode) DeliveryFixture.JSON.readTree(Files.readString(Path.of("../docs/events/examples/action.invoked.json")));
        String invocation = "inv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        event.put("id", "evt_" + invocation);
        event.put("tenantid", f.tenant);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("invocationId", invocation);
        data.put("runId", runId);
        ((ObjectNode) data.get("action")).put("actionId", actionId);
        publishAll(f, List.of(record(f.prefix + "ats.platform.v1", f.tenant + ":action/" + actionId, "evt_" + invocation,
                "action.invoked", f.tenant, event.toString())));
        return invocation;
    }

    private static ProducerRecord<String, String> record(String topic, String key, String id, String type, String tenant, String value) {
        var record = new ProducerRecord<>(topic, key, value);
        record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void publishAll(DeliveryFixture f, List<ProducerRecord<String, String>> records) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (var r : records) {
                producer.send(r).get();
            }
        }
    }

    /** The latest outcome {@code outcome} of invocation {@code invocationId}, or null. */
    private static JsonNode outcome(List<TopicReader.Record> records, String invocationId, String outcome) {
        JsonNode found = null;
        for (var r : records) {
            JsonNode value = DeliveryFixture.JSON.readTree(r.value());
            if (invocationId.equals(r.key()) && outcome.equals(value.get("outcome").asString())) {
                found = value;
            }
        }
        return found;
    }
}
