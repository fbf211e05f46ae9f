package dev.atsrelay.config.platform;

import dev.atsrelay.config.action.CustomActions;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.webhook.WebhookLifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the platform topic for what config-service owns: {@code endpoint.disabled} from the dispatcher switches the
 * webhook's (or custom action's) enabled flag off. Everything else on the topic is for others.
 */
@Component
class PlatformEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(PlatformEventConsumer.class);

    private final WebhookLifecycle webhooks;
    private final CustomActions actions;
    private final JsonMapper json;
    private final Counter unreadable;

    PlatformEventConsumer(WebhookLifecycle webhooks, CustomActions actions, JsonMapper json, MeterRegistry meters) {
        this.webhooks = webhooks;
        this.actions = actions;
        this.json = json;
        this.unreadable = Counter.builder("atsrelay.config.platform.unreadable")
                .description("endpoint.disabled notices that could not be read and were skipped").register(meters);
    }

    @KafkaListener(id = "platform-events", topics = "${atsrelay.kafka.prefix}${atsrelay.kafka.platform.name}",
            groupId = "${atsrelay.kafka.prefix}config-service", containerFactory = "batchContainerFactory", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            if (!"endpoint.disabled".equals(header(r, "ce_type"))) {
                continue;
            }
            Disabled d = read(r);
            if (d == null) {
                unreadable.increment();
                log.error("skipping unreadable endpoint.disabled at {}-{}@{}", r.topic(), r.partition(), r.offset());
                continue;
            }
            log.info("endpoint {} of tenant {} {}", d.endpointId(), d.tenant(), d.reason());
            // a database failure throws: the batch is retried, never skipped
            (d.endpointId().startsWith("act_") ? actions.disabledByDispatcher(d.tenant(), d.endpointId())
                    : webhooks.disabledByDispatcher(d.tenant(), d.endpointId(), d.reason(), d.disabledAt())).block(Duration.ofSeconds(30));
        }
    }

    private record Disabled(TenantId tenant, String endpointId, String reason, Instant disabledAt) {
    }

    /** The notice, or null if it cannot be read (retrying would not help: it would block every later notice). */
    private Disabled read(ConsumerRecord<String, byte[]> r) {
        try {
            JsonNode event = json.readTree(r.value());
            JsonNode data = event.required("data");
            return new Disabled(new TenantId(event.required("tenantid").asString()), data.required("endpointId").asString(),
                    "disabled by the dispatcher: " + data.path("reason").asString("unknown"),
                    Instant.parse(data.required("disabledAt").asString()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
