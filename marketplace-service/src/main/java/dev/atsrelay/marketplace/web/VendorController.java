package dev.atsrelay.marketplace.web;

import dev.atsrelay.marketplace.credential.Callers;
import dev.atsrelay.marketplace.vendor.VendorConfiguration;
import dev.atsrelay.marketplace.vendor.VendorNotFound;
import dev.atsrelay.marketplace.vendor.Vendors;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The vendor catalogue. The operator registers vendors and issues or revokes their keys; agencies (admin key) and the
 * operator browse it.
 */
@RestController
class VendorController {

    private static final String AUTH = HttpHeaders.AUTHORIZATION;

    private final Callers callers;
    private final Vendors vendors;

    VendorController(Callers callers, Vendors vendors) {
        this.callers = callers;
        this.vendors = vendors;
    }

    record Registration(String name, String description, List<String> capabilities, VendorConfiguration configuration) {
    }

    record Items<T>(List<T> items) {
    }

    @PostMapping("/v1/vendors")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<VendorView> register(@RequestHeader(name = AUTH, required = false) String authorization, @RequestBody Mono<Registration> body) {
        callers.requireOperator(authorization);
        return body.flatMap(r -> vendors.register(r.name(), r.description(), r.capabilities(), r.configuration()))
                .map(r -> VendorView.of(r.vendor(), r.key()));
    }

    @GetMapping("/v1/vendors")
    Mono<Items<VendorView>> list(@RequestHeader(name = AUTH, required = false) String authorization) {
        callers.operatorOrTenantAdmin(authorization);
        return vendors.all().map(v -> VendorView.of(v, null)).collectList().map(Items::new);
    }

    @GetMapping("/v1/vendors/{id}")
    Mono<VendorView> find(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String id) {
        callers.operatorOrTenantAdmin(authorization);
        return vendors.find(id).map(v -> VendorView.of(v, null));
    }

    @PostMapping("/v1/vendors/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<VendorView.KeyView> issueKey(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String id) {
        callers.requireOperator(authorization);
        return vendors.issueKey(id).map(VendorView.KeyView::of);
    }

    @DeleteMapping("/v1/vendors/{id}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revokeKey(@RequestHeader(name = AUTH, required = false) String authorization, @PathVariable String id,
                         @PathVariable String keyId) {
        callers.requireOperator(authorization);
        return vendors.revokeKey(id, keyId).flatMap(revoked -> revoked ? Mono.<Void>empty()
                : Mono.error(new VendorNotFound(id + " with a live key " + keyId)));
    }
}
