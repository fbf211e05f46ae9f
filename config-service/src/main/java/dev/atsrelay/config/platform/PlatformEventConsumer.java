package dev.atsrelay.config.platform;

import dev.atsrelay.config.action.CustomActions;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.webhook.WebhookLifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    PlatformEventConsumer(WebhookLifecycle webhooks, CustomActions actions, JsonMapper json) {
        this.webhooks = webhooks;
        this.actions = actions;
        this.json = json;
    }

    @KafkaListener(id = "platform-events", topics = "${atsrelay.kafka.prefix}${atsrelay.kafka.platform.name}",
            groupId = "${atsrelay.kafka.prefix}config-service", containerFactory = "platformContainerFactory", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            if ("endpoint.disabled".equals(header(r, "ce_type")) && r.value() != null) {
                JsonNode event = json.readTree(r.value());
                TenantId tenant = new TenantId(event.get("tenantid").asString());
                String endpoint = event.get("data").get("endpointId").asString();
                String reason = "disabled by the dispatcher: " + event.get("data").get("reason").asString();
                log.info("endpoint {} of tenant {} {}", endpoint, tenant, reason);
                (endpoint.startsWith("act_") ? actions.disabledByDispatcher(tenant, endpoint)
                        : webhooks.disabledByDispatcher(tenant, endpoint, reason)).block(Duration.ofSeconds(30));
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
