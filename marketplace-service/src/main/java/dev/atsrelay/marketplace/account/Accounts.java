package dev.atsrelay.marketplace.account;

import dev.atsrelay.marketplace.api.InvalidField;
import dev.atsrelay.marketplace.id.Ids;
import dev.atsrelay.marketplace.vendor.VendorNotFound;
import dev.atsrelay.marketplace.vendor.Vendors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Agencies' accounts with vendors. Connecting creates the agency's Marketplace custom action in config-service from
 * the vendor's latest configuration and the agency's adjustments; a later vendor version is only an available update
 * until the agency applies it.
 */
@Component
public class Accounts {

    /** A new account, with the custom action's signing secret (shown once: the agency hands it to the vendor). */
    public record Connected(Account account, String actionSecret) {
    }

    private final AccountStore store;
    private final Vendors vendors;
    private final ConfigServiceClient config;
    private final ConfigServiceProperties properties;
    private final Clock clock;

    Accounts(AccountStore store, Vendors vendors, ConfigServiceClient config, ConfigServiceProperties properties, Clock clock) {
        this.store = store;
        this.vendors = vendors;
        this.config = config;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<Connected> connect(String tenantId, String authorization, String vendorId, Adjustments adjustments) {
        if (vendorId == null || vendorId.isBlank()) {
            return Mono.error(InvalidField.of("/vendorId", "is required"));
        }
        Adjustments adj = adjustments == null ? Adjustments.NONE : adjustments;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = Ids.next("acc");
        return vendors.find(vendorId)
                .onErrorMap(VendorNotFound.class, e -> InvalidField.of("/vendorId", "no such vendor"))
                .flatMap(vendor -> {
                    Map<String, Object> action = AccountRules.action(vendorId, vendor.version(), vendor.configuration(), adj);
                    // a row left 'connecting' by a crash is taken over once it is older than any call could last
                    Instant stale = now.minus(properties.timeout().multipliedBy(2));
                    return store.reserve(id, tenantId, vendorId, vendor.version(), adj, now, stale)
                            .flatMap(reserved -> reserved ? config.create(authorization, action)
                                    .onErrorResume(e -> store.release(id).then(Mono.error(e)))
                                    : Mono.error(new AlreadyConnected(vendorId)))
                            .flatMap(created -> store.connected(id, created.actionId(), clock.instant())
                                    .then(find(tenantId, id))
                                    .map(account -> new Connected(account, created.secret())));
                });
    }

    public Flux<Account> list(String tenantId) {
        return store.all(tenantId);
    }

    public Mono<Account> find(String tenantId, String id) {
        return store.find(tenantId, id).switchIfEmpty(Mono.error(() -> new AccountNotFound("no account " + id)));
    }

    /** Moves the account's action to the vendor's latest configuration, with the agency's adjustments (updated). */
    public Mono<Account> applyUpdate(String tenantId, String authorization, String id, Adjustments changes) {
        return find(tenantId, id).flatMap(account -> {
            if (!account.updateAvailable()) {
                return Mono.error(new UpToDate(account.configVersion()));
            }
            Adjustments adj = account.adjustments().with(changes);
            return vendors.configuration(account.vendorId(), account.latestVersion())
                    .map(next -> AccountRules.action(account.vendorId(), account.latestVersion(), next, adj))
                    .flatMap(action -> config.update(authorization, account.actionId(), action))
                    .then(store.applied(id, account.latestVersion(), adj, clock.instant()))
                    .then(find(tenantId, id));
        });
    }

    /** Whether the agency is connected to the vendor: only then may the vendor send it requests. */
    public Mono<Boolean> connected(String tenantId, String vendorId) {
        return store.connected(tenantId, vendorId);
    }
}
