package dev.atsrelay.marketplace.credential;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' API keys config-service published on the configuration topic (hash, tenant, scopes), checked locally
 * as event-ingest-service and the dispatcher do. Fed by kafka.ConfigTopicReader. Plain Java.
 */
public final class TenantKeys {

    public static final String ADMIN = "admin";

    private record Key(String tenantId, Set<String> scopes) {
    }

    private final Map<String, Key> byHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashById = new ConcurrentHashMap<>();

    public void put(String id, String tenantId, String hash, List<String> scopes) {
        String previous = hashById.put(id, hash);
        if (previous != null && !previous.equals(hash)) {
            byHash.remove(previous);
        }
        byHash.put(hash, new Key(tenantId, Set.copyOf(scopes)));
    }

    public void remove(String id) {
        String hash = hashById.remove(id);
        if (hash != null) {
            byHash.remove(hash);
        }
    }

    /** The tenant of {@code key} if it holds {@code scope}; throws otherwise. */
    String tenantWith(String key, String scope) {
        Key found = byHash.get(ApiKeyHash.hash(key));
        if (found == null) {
            throw new NotAuthenticated("the API key is unknown or revoked");
        }
        if (!found.scopes().contains(scope)) {
            throw new AccessDenied("this route needs an API key with the '" + scope + "' scope");
        }
        return found.tenantId();
    }

    public int size() {
        return byHash.size();
    }
}
