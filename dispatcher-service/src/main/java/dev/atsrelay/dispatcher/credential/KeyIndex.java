package dev.atsrelay.dispatcher.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys config-service published (hash, tenant, scopes), checked locally: the operator API of the dispatcher
 * (attempt log, replay) takes a tenant's {@code admin} key.
 */
public final class KeyIndex {

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

    /** The tenant whose key, holding {@code scope}, is in the {@code Authorization} header. */
    public String tenantWith(String authorizationHeader, String scope) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NotAuthenticated("send 'Authorization: Bearer <API key>'");
        }
        Key key = byHash.get(hash(authorizationHeader.substring(7).trim()));
        if (key == null) {
            throw new NotAuthenticated("the API key is unknown or revoked");
        }
        if (!key.scopes().contains(scope)) {
            throw new AccessDenied("this route needs an API key with the '" + scope + "' scope");
        }
        return key.tenantId();
    }

    public int size() {
        return byHash.size();
    }

    private static String hash(String key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
