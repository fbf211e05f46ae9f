package dev.atsrelay.ingest.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys config-service published (hash, tenant, scopes — never a key), checked locally on every request:
 * no call to config-service on the request path. Fed from the configuration topic.
 */
public final class KeyIndex {

    public static final String EVENTS_WRITE = "events:write";

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

    /** The tenant whose {@code events:write} key is in the {@code Authorization} header. */
    public String tenantAllowedToWrite(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NotAuthenticated("send 'Authorization: Bearer <API key with the events:write scope>'");
        }
        Key key = byHash.get(hash(authorizationHeader.substring(7).trim()));
        if (key == null) {
            throw new NotAuthenticated("the API key is unknown or revoked");
        }
        if (!key.scopes().contains(EVENTS_WRITE)) {
            throw new AccessDenied("posting events needs an API key with the 'events:write' scope");
        }
        return key.tenantId();
    }

    public int size() {
        return byHash.size();
    }

    static String hash(String key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
