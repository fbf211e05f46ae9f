package dev.atsrelay.dispatcher.action;

import dev.atsrelay.dispatcher.subscription.ConfigChanges;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the configuration documents that make actions run (docs/topics.md: {@code action}, {@code workflow},
 * {@code job_template}, {@code job_triggers}) to the {@link ActionIndex}. An action's endpoint also joins the
 * {@link SubscriptionIndex} — without event types, so no event matches it by type — so that its deliveries are
 * retried, protected, logged and replayed like any webhook's.
 */
@Component
public class ActionConfig {

    private static final Logger log = LoggerFactory.getLogger(ActionConfig.class);
    private static final Set<String> KINDS = Set.of("action", "workflow", "job_template", "job_triggers");

    private final ActionIndex index;
    private final SubscriptionIndex endpoints;
    private final ConfigChanges changes;
    private final JsonMapper json;

    ActionConfig(ActionIndex index, SubscriptionIndex endpoints, ConfigChanges changes, JsonMapper json) {
        this.index = index;
        this.endpoints = endpoints;
        this.changes = changes;
        this.json = json;
    }

    public static boolean handles(String kind) {
        return KINDS.contains(kind);
    }

    /**
     * Applies the record {@code <kind>:<tenantId>:<id>} whose value is {@code value} (null for a tombstone).
     *
     * @throws RuntimeException when the record cannot be read (the caller logs and skips it)
     */
    public void apply(String kind, String tenantAndId, byte[] value) {
        int colon = tenantAndId.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("key without a tenant id");
        }
        String tenantId = tenantAndId.substring(0, colon);
        String id = tenantAndId.substring(colon + 1);
        JsonNode doc = value == null ? null : json.readTree(value);
        switch (kind) {
            case "action" -> action(tenantId, id, doc);
            case "workflow" -> index.putFilledStages(tenantId, doc == null ? Set.of() : filledStages(doc));
            case "job_template" -> {
                if (doc == null) {
                    index.removeTemplate(tenantId, id);
                } else {
                    index.putTemplate(tenantId, new ActionIndex.Template(id, doc.path("version").asLong(),
                            doc.path("isDefault").asBoolean(false), stages(doc)));
                }
            }
            case "job_triggers" -> {
                if (doc == null) {
                    index.removeJobTriggers(tenantId, id);
                } else {
                    index.putJobTriggers(tenantId, id, stages(doc));
                }
            }
            default -> throw new IllegalArgumentException("not an action document: " + kind);
        }
    }

    private void action(String tenantId, String id, JsonNode doc) {
        if (doc == null) {
            index.removeAction(tenantId, id);
            endpoints.remove(id);
            return;
        }
        long version = doc.path("version").asLong();
        boolean enabled = doc.path("enabled").asBoolean(true);
        JsonNode event = doc.path("event");
        Set<String> stageIds = new LinkedHashSet<>();
        event.path("stageIds").forEach(s -> stageIds.add(s.asString()));
        index.putAction(new ActionIndex.Action(id, tenantId, version, doc.path("actionType").asString(),
                doc.path("name").asString(), enabled, event.isMissingNode() ? null : event.path("trigger").asString(null),
                Set.copyOf(stageIds), doc.path("marketplace").path("vendorId").asString(null)));
        List<ConfigChanges.SecretRecord> secrets = new ArrayList<>();
        for (JsonNode s : doc.path("secrets")) {
            JsonNode expires = s.path("expiresAt");
            secrets.add(new ConfigChanges.SecretRecord(s.path("id").asString(), s.path("ciphertext").asString(),
                    expires.isMissingNode() || expires.isNull() ? null : Instant.parse(expires.asString())));
        }
        try {
            endpoints.put(new Subscription(id, tenantId, version, doc.path("endpointUrl").asString(), Set.of(), enabled,
                    changes.secrets(id, secrets)));
        } catch (IllegalArgumentException e) {
            // never log the record: it carries ciphertexts
            log.error("cannot deliver to action {} (version {}): {}", id, version, e.getMessage());
            endpoints.remove(id);
        }
    }

    private static Set<String> filledStages(JsonNode workflow) {
        Set<String> filled = new LinkedHashSet<>();
        for (JsonNode stage : workflow.path("stages")) {
            if (stage.path("filled").asBoolean(false)) {
                filled.add(stage.path("stageId").asString());
            }
        }
        return filled;
    }

    /** {@code stages: [{stageId, actionIds}]} → stage id → action ids. */
    private static Map<String, List<String>> stages(JsonNode doc) {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (JsonNode stage : doc.path("stages")) {
            List<String> actionIds = new ArrayList<>();
            stage.path("actionIds").forEach(a -> actionIds.add(a.asString()));
            stages.put(stage.path("stageId").asString(), List.copyOf(actionIds));
        }
        return stages;
    }
}
