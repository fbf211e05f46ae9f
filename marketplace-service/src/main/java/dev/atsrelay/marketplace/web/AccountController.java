package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.account.Account;
import dev.atsrelay.marketplace.account.Accounts;
import dev.atsrelay.marketplace.account.Adjustments;
import dev.atsrelay.marketplace.credential.Callers;
import dev.atsrelay.marketplace.vendor.VendorConfiguration;
import dev.atsrelay.marketplace.vendor.Vendors;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An agency's marketplace accounts, with its {@code admin} key: connecting to a vendor creates the Marketplace custom
 * action in config-service (with the same key); a newer vendor configuration is shown as an update until applied.
 */
@RestController
class AccountController {

    private static final String AUTH = HttpHeaders.AUTHORIZATION;

    private final Callers callers;
    private final Accounts accounts;
    private final Vendors vendors;

    AccountController(Callers callers, Accounts accounts, Vendors vendors) {
        this.callers = callers;
        this.accounts = accounts;
        this.vendors = vendors;
    }

    record Connect(String vendorId, String name, List<String> displayAreas, List<String> permissions) {
    }

    record Update(Integer version, VendorConfiguration configuration) {
    }

    record AccountView(String id, String vendorId, String vendorName, String actionId, String state, int configVersion,
                       int latestVersion, boolean updateAvailable, Adjustments adjustments, Instant createdAt,
                       Instant updatedAt, Update update, String actionSecret) {

        static AccountView of(Account a, Update update, String secret) {
            return new AccountView(a.id(), a.vendorId(), a.vendorName(), a.actionId(), a.state(), a.configVersion(),
                    a.latestVersion(), a.updateAvailable(), a.adjustments(), a.createdAt(), a.updatedAt(), update, secret);
        }
    }

    record Items<T>(List<T> items) {
    }

    @PostMapping("/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AccountView> connect(@RequestHeader(name = AUTH, required = false) String authorization, @RequestBody Mono<Connect> body) {
        String tenant = callers.tenantAdmin(authorization);
        return body.flatMap(c -> accounts.connect(tenant, authorization, c.vendorId(),
                        new Adjustments(c.name(), c.displayAreas(), c.permissions())))
                .map(c -> AccountView.of(c.account(), null, c.actionSecret()));
    }

    @GetMapping("/v1/accounts")
    Mono<Items<AccountView>> list(@RequestHeader(name = AUTH, required = false) String authorization) {
        String tenant = callers.tenantAdmin(authorization);
        return accounts.list(tenant).map(a -> AccountView.of(a, null, null)).collectList().map(Items::new);
    }

    /** One account; with the vendor's newer configuration in {@code update} when one is available. */
    @GetMapping("/v1/accounts/{id}")
    Mono<AccountView> find(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String id) {
        String tenant = callers.tenantAdmin(authorization);
        return accounts.find(tenant, id).flatMap(a -> !a.updateAvailable() ? Mono.just(AccountView.of(a, null, null))
                : vendors.configuration(a.vendorId(), a.latestVersion())
                        .map(c -> AccountView.of(a, new Update(a.latestVersion(), c), null)));
    }

    /** Applies the vendor's latest configuration; the body may change the adjustments (all members optional). */
    @PostMapping("/v1/accounts/{id}/apply-update")
    Mono<AccountView> applyUpdate(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String id,
                                  @RequestBody(required = false) Mono<Connect> body) {
        String tenant = callers.tenantAdmin(authorization);
        return body.map(c -> new Adjustments(c.name(), c.displayAreas(), c.permissions()))
                .defaultIfEmpty(new Adjustments(null, null, null))
                .flatMap(adj -> accounts.applyUpdate(tenant, authorization, id, adj))
                .map(a -> AccountView.of(a, null, null));
    }
}
