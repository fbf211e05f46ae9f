package dev.atsrelay.marketplace.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may call what, from the {@code Authorization: Bearer …} header: the operator token, the internal token, a
 * tenant's {@code admin} key (published by config-service) or a vendor's key (issued here). Tokens are compared in
 * constant time.
 */
@Component
public class Callers {

    private static final String BEARER = "send 'Authorization: Bearer <token or API key>'";

    private final TenantKeys tenantKeys;
    private final VendorKeys vendorKeys;
    private final byte[] operatorToken;
    private final byte[] internalToken;

    Callers(TenantKeys tenantKeys, VendorKeys vendorKeys, TokenProperties.Operator operator, TokenProperties.Internal internal) {
        this.tenantKeys = tenantKeys;
        this.vendorKeys = vendorKeys;
        this.operatorToken = operator.token().getBytes(StandardCharsets.UTF_8);
        this.internalToken = internal.token().getBytes(StandardCharsets.UTF_8);
    }

    public void requireOperator(String authorization) {
        String token = present(authorization);
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), operatorToken)) {
            throw new AccessDenied("this route needs the operator token");
        }
    }

    /** Either the operator (null) or the tenant of an admin key: the vendor catalogue is open to both. */
    public String operatorOrTenantAdmin(String authorization) {
        String token = present(authorization);
        if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), operatorToken)) {
            return null;
        }
        return tenantKeys.tenantWith(token, TenantKeys.ADMIN);
    }

    public void requireInternal(String authorization) {
        String token = ApiKeyHash.bearer(authorization);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), internalToken)) {
            throw new NotAuthenticated("the internal API needs the internal token");
        }
    }

    /** The tenant of the caller's {@code admin} key. */
    public String tenantAdmin(String authorization) {
        return tenantKeys.tenantWith(present(authorization), TenantKeys.ADMIN);
    }

    /** The vendor of the caller's vendor key. */
    public Mono<String> vendor(String authorization) {
        String token = present(authorization);
        if (!token.startsWith(ApiKeyHash.VENDOR_KEY_PREFIX)) {
            return Mono.error(new NotAuthenticated("this route needs a vendor API key"));
        }
        return vendorKeys.vendorOf(token)
                .switchIfEmpty(Mono.error(new NotAuthenticated("the vendor API key is unknown or revoked")));
    }

    private static String present(String authorization) {
        String token = ApiKeyHash.bearer(authorization);
        if (token == null) {
            throw new NotAuthenticated(BEARER);
        }
        return token;
    }
}
