package dev.atsrelay.config.outcome;

import dev.atsrelay.config.run.DeliveryOutcome;
import dev.atsrelay.config.run.RunProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the dispatcher's delivery outcomes ({@code ats.action.outcomes.v1}, contract in docs/topics.md) and updates the
 * progress of runs. Unknown members are ignored; a value that cannot be read is logged with its key and offset and
 * skipped (retrying it would block every later outcome); a database failure fails the batch, which is retried.
 */
@Component
class DeliveryOutcomeConsumer {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomeConsumer.class);

    private final RunProgress progress;
    private final JsonMapper json;
    private final Map<RunProgress.Result, Counter> results = new EnumMap<>(RunProgress.Result.class);
    private final Counter unreadable;

    DeliveryOutcomeConsumer(RunProgress progress, JsonMapper json, MeterRegistry meters) {
        this.progress = progress;
        this.json = json;
        for (RunProgress.Result r : RunProgress.Result.values()) {
            results.put(r, Counter.builder("atsrelay.config.outcomes").tag("result", r.name().toLowerCase(java.util.Locale.ROOT))
                    .description("delivery outcomes read, by what became of them").register(meters));
        }
        this.unreadable = Counter.builder("atsrelay.config.outcomes").tag("result", "unreadable")
                .description("delivery outcomes read, by what became of them").register(meters);
    }

    @KafkaListener(id = "action-outcomes", topics = "${atsrelay.kafka.prefix}${atsrelay.kafka.outcomes.name}",
            groupId = "${atsrelay.kafka.prefix}config-action-outcomes", containerFactory = "batchContainerFactory",
            batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            DeliveryOutcome o = read(r);
            if (o == null) {
                unreadable.increment();
                log.error("skipping unreadable delivery outcome key={} at {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset());
            } else {
                outcomes.add(o);
            }
        }
        // a database failure throws: the batch is retried, and its offsets are committed only after it succeeded
        List<RunProgress.Result> applied = progress.apply(outcomes).block(Duration.ofSeconds(60));
        for (int i = 0; i < outcomes.size(); i++) {
            RunProgress.Result result = applied.get(i);
            results.get(result).increment();
            if (result == RunProgress.Result.NO_RUN || result == RunProgress.Result.UNKNOWN_RUN) {
                log.debug("ignoring outcome of {} (run {}): {}", outcomes.get(i).invocationId(), outcomes.get(i).runId(), result);
            }
        }
    }

    /** The outcome, or null if the value cannot be read. */
    private DeliveryOutcome read(ConsumerRecord<String, byte[]> r) {
        try {
            JsonNode v = json.readTree(r.value());
            DeliveryOutcome.Kind kind = DeliveryOutcome.Kind.named(v.required("outcome").asString());
            JsonNode attempt = v.required("attempt");
            if (kind == null || !attempt.isIntegralNumber() || !attempt.canConvertToInt() || attempt.asInt() < 0) {
                return null;
            }
            return new DeliveryOutcome(text(v, "invocationId", true), text(v, "runId", false), text(v, "tenantId", true),
                    text(v, "actionId", false), text(v, "eventId", false), text(v, "messageId", false), kind, attempt.asInt(),
                    v.hasNonNull("status") && v.get("status").canConvertToInt() ? v.get("status").asInt() : null,
                    text(v, "error", false), text(v, "reason", false), Instant.parse(text(v, "at", true)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode v, String field, boolean required) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return null;
        }
        if (!n.isString() || (required && n.asString().isBlank())) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return n.asString();
    }
}
