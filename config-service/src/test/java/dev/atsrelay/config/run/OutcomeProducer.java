package dev.atsrelay.config.run;

import dev.atsrelay.testkit.KafkaBroker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Plays the dispatcher's part of the contract: outcome records on ats.action.outcomes.v1, keyed by invocation id. */
final class OutcomeProducer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String topic;
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new StringSerializer());

    OutcomeProducer(String prefix) {
        this.topic = prefix + "ats.action.outcomes.v1";
    }

    /** One outcome as the contract shapes it; {@code status}, {@code error} and {@code reason} may be null (left out). */
    static String outcome(String invocationId, String runId, String tenantId, String outcome, int attempt, Integer status,
                          String error, String reason) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("invocationId", invocationId);
        if (runId != null) {
            v.put("runId", runId);
        }
        v.put("tenantId", tenantId);
        v.put("actionId", "act_x");
        v.put("eventId", "evt_" + invocationId);
        v.put("messageId", "msg_" + invocationId.substring(4) + "_" + attempt);
        v.put("outcome", outcome);
        v.put("attempt", attempt);
        if (status != null) {
            v.put("status", status);
        }
        if (error != null) {
            v.put("error", error);
        }
        if (reason != null) {
            v.put("reason", reason);
        }
        v.put("at", "2026-11-23T10:00:0" + Math.min(attempt, 9) + "Z");
        v.put("aMemberFromTheFuture", Map.of("ignored", true));
        return JSON.writeValueAsString(v);
    }

    void send(String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void send(List<String[]> keyValues) {
        keyValues.forEach(kv -> send(kv[0], kv[1]));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
