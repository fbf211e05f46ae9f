package dev.atsrelay.config.credential;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A tenant's API keys, managed with an {@code admin} key. The key itself is shown once, when issued. */
@RestController
@RequestMapping("/v1/api-keys")
class ApiKeyController {

    private final ApiKeys keys;
    private final TransactionalOperator tx;

    ApiKeyController(ApiKeys keys, TransactionalOperator tx) {
        this.keys = keys;
        this.tx = tx;
    }

    record IssueKey(@NotBlank @Size(max = 200) String name, @NotEmpty Set<Scope> scopes) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ApiKeys.IssuedKey> issue(Caller caller, @Valid @RequestBody IssueKey request) {
        return tx.transactional(keys.issue(caller.tenantWith(Scope.ADMIN), request.name(), request.scopes()));
    }

    @GetMapping
    Flux<ApiKeys.ApiKey> list(Caller caller) {
        return keys.list(caller.tenantWith(Scope.ADMIN));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(Caller caller, @PathVariable String id) {
        return tx.transactional(keys.revoke(caller.tenantWith(Scope.ADMIN), id))
                .flatMap(revoked -> revoked ? Mono.<Void>empty() : Mono.error(new ApiKeyNotFound(id)));
    }
}
