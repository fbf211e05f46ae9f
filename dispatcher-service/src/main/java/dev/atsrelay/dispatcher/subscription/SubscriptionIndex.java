package dev.atsrelay.dispatcher.subscription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' webhooks, indexed by tenant and event type, so that matching an event costs the same however many
 * subscriptions exist in total. Fed from the configuration topic; never asks config-service per event.
 * Writers rebuild one tenant's slice and swap it in; readers on the hot path take no lock.
 */
public final class SubscriptionIndex {

    private final Map<String, Map<String, Subscription>> byTenant = new HashMap<>();
    private final Map<String, String> tenantById = new HashMap<>();
    private final Map<String, Map<String, List<Subscription>>> byTenantAndType = new ConcurrentHashMap<>();

    /** Adds or replaces a subscription; an older version than the one held is ignored. */
    public synchronized void put(Subscription s) {
        Map<String, Subscription> tenant = byTenant.computeIfAbsent(s.tenantId(), t -> new HashMap<>());
        Subscription current = tenant.get(s.id());
        if (current != null && current.version() > s.version()) {
            return;
        }
        tenant.put(s.id(), s);
        tenantById.put(s.id(), s.tenantId());
        rebuild(s.tenantId());
    }

    public synchronized void remove(String id) {
        String tenant = tenantById.remove(id);
        if (tenant != null) {
            byTenant.get(tenant).remove(id);
            rebuild(tenant);
        }
    }

    /** The enabled subscriptions of {@code tenant} that want {@code type}. */
    public List<Subscription> matching(String tenant, String type) {
        return byTenantAndType.getOrDefault(tenant, Map.of()).getOrDefault(type, List.of());
    }

    public synchronized Subscription find(String id) {
        String tenant = tenantById.get(id);
        return tenant == null ? null : byTenant.get(tenant).get(id);
    }

    public synchronized int size() {
        return tenantById.size();
    }

    private void rebuild(String tenant) {
        Map<String, List<Subscription>> byType = new HashMap<>();
        for (Subscription s : byTenant.getOrDefault(tenant, Map.of()).values()) {
            if (s.enabled()) {
                s.eventTypes().forEach(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(s));
            }
        }
        if (byTenant.containsKey(tenant) && byTenant.get(tenant).isEmpty()) {
            byTenant.remove(tenant);
        }
        if (byType.isEmpty()) {
            byTenantAndType.remove(tenant);
        } else {
            byType.replaceAll((t, list) -> List.copyOf(list));
            byTenantAndType.put(tenant, Map.copyOf(byType));
        }
    }
}
