package dev.atsrelay.dispatcher.action;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What each tenant configured that turns domain events into action runs, as this instance holds it from the
 * configuration topic (docs/topics.md, the configuration documents): its custom actions, the Filled stage of its
 * workflow, its job templates (and which is the default) and the stage triggers added to single jobs. Writers replace
 * a tenant's slice under its lock; readers take an immutable snapshot.
 */
@Component
final class ActionIndex {

    /**
     * A custom action as the triggers need it; {@code trigger} is {@code job_fill}, {@code stage_entered} or null;
     * {@code vendorId} is set for a marketplace action.
     */
    record Action(String id, String tenantId, long version, String type, String name, boolean enabled, String trigger,
                  Set<String> stageIds, String vendorId) {

        boolean marketplace() {
            return "marketplace".equals(type);
        }
    }

    /** A job template's stage triggers: stage id → action ids. */
    record Template(String id, long version, boolean isDefault, Map<String, List<String>> stages) {
    }

    /** One tenant's actions, templates and Filled stage(s); a new instance on every change. */
    record Tenant(Map<String, Action> actions, Map<String, Template> templates, Set<String> filledStages) {

        static final Tenant EMPTY = new Tenant(Map.of(), Map.of(), Set.of());

        Optional<Template> defaultTemplate() {
            return templates.values().stream().filter(Template::isDefault).findFirst();
        }
    }

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    /** Stage triggers added to single jobs, by tenant and job id (there may be many: kept apart from the slices). */
    private final Map<String, Map<String, List<String>>> jobTriggers = new ConcurrentHashMap<>();

    Tenant tenant(String tenantId) {
        return tenants.getOrDefault(tenantId, Tenant.EMPTY);
    }

    /** The triggers added to one job: stage id → action ids. */
    Map<String, List<String>> jobTriggers(String tenantId, String jobId) {
        return jobTriggers.getOrDefault(tenantId + " " + jobId, Map.of());
    }

    synchronized void putAction(Action a) {
        Tenant t = tenant(a.tenantId());
        Action current = t.actions().get(a.id());
        if (current == null || current.version() <= a.version()) {
            tenants.put(a.tenantId(), new Tenant(with(t.actions(), a.id(), a), t.templates(), t.filledStages()));
        }
    }

    synchronized void removeAction(String tenantId, String id) {
        Tenant t = tenant(tenantId);
        tenants.put(tenantId, new Tenant(without(t.actions(), id), t.templates(), t.filledStages()));
    }

    synchronized void putTemplate(String tenantId, Template template) {
        Tenant t = tenant(tenantId);
        Template current = t.templates().get(template.id());
        if (current == null || current.version() <= template.version()) {
            tenants.put(tenantId, new Tenant(t.actions(), with(t.templates(), template.id(), template), t.filledStages()));
        }
    }

    synchronized void removeTemplate(String tenantId, String id) {
        Tenant t = tenant(tenantId);
        tenants.put(tenantId, new Tenant(t.actions(), without(t.templates(), id), t.filledStages()));
    }

    void putJobTriggers(String tenantId, String jobId, Map<String, List<String>> stages) {
        jobTriggers.put(tenantId + " " + jobId, Map.copyOf(stages));
    }

    void removeJobTriggers(String tenantId, String jobId) {
        jobTriggers.remove(tenantId + " " + jobId);
    }

    synchronized void putFilledStages(String tenantId, Set<String> filledStages) {
        Tenant t = tenant(tenantId);
        tenants.put(tenantId, new Tenant(t.actions(), t.templates(), Set.copyOf(filledStages)));
    }

    private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new HashMap<>(map);
        copy.put(key, value);
        return Map.copyOf(copy);
    }

    private static <V> Map<String, V> without(Map<String, V> map, String key) {
        Map<String, V> copy = new HashMap<>(map);
        copy.remove(key);
        return Map.copyOf(copy);
    }
}
