package dev.atsrelay.config.webhook;

import dev.atsrelay.config.catalogue.EventCatalogue;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import dev.atsrelay.config.secret.SecretCipher;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.validation.InvalidField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

/** Settings → Webhooks. Needs an {@code admin} key; every route is scoped to the key's tenant. */
@RestController
@RequestMapping("/v1/webhooks")
class WebhookController {

    private final Webhooks webhooks;
    private final EventCatalogue catalogue;
    private final SecretCipher cipher;
    private final WebhookProperties properties;
    private final TransactionalOperator tx;
    private final Clock clock;

    WebhookController(Webhooks webhooks, EventCatalogue catalogue, SecretCipher cipher, WebhookProperties properties,
                      TransactionalOperator tx, Clock clock) {
        this.webhooks = webhooks;
        this.catalogue = catalogue;
        this.cipher = cipher;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    record CreateWebhook(String url, @Size(max = 500) String description,
                         @NotEmpty @Size(max = 50) List<String> eventTypes) {
    }

    /** A webhook as shown: never the secret, except in the answer that creates it. */
    record WebhookView(WebhookId id, String url, String description, List<String> eventTypes, boolean enabled,
                       long version, Instant createdAt, Instant updatedAt, String secret) {

        static WebhookView of(Webhook w, String secret) {
            return new WebhookView(w.id(), w.url(), w.description(), w.eventTypes(), w.enabled(), w.version(),
                    w.createdAt(), w.updatedAt(), secret);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<WebhookView> create(Caller caller, @Valid @RequestBody CreateWebhook request) {
        TenantId tenant = caller.tenantWith(Scope.ADMIN);
        String urlProblem = EndpointUrl.problem(request.url(), properties.httpAllowedHosts());
        if (urlProblem != null) {
            throw new InvalidField("/url", "url " + urlProblem);
        }
        for (int i = 0; i < request.eventTypes().size(); i++) {
            if (!catalogue.contains(request.eventTypes().get(i))) {
                throw new InvalidField("/eventTypes/" + i, "unknown event type '" + request.eventTypes().get(i)
                        + "'; known types: " + catalogue.types());
            }
        }
        WebhookId id = WebhookId.generate();
        String secret = SigningSecret.generatePlaintext();
        Instant now = clock.instant();
        var signing = new SigningSecret(id.value().replace("wh_", "whs_"), cipher.encrypt(secret, id.value()), now, null);
        var webhook = new Webhook(id, tenant, request.url(), request.description(),
                request.eventTypes().stream().distinct().sorted().toList(), true, List.of(signing), 1, now, now);
        return tx.transactional(webhooks.insert(webhook)).map(w -> WebhookView.of(w, secret));
    }

    @GetMapping("/{id}")
    Mono<WebhookView> get(Caller caller, @PathVariable String id) {
        return webhooks.find(caller.tenantWith(Scope.ADMIN), id).map(w -> WebhookView.of(w, null))
                .switchIfEmpty(Mono.error(new WebhookNotFound(id)));
    }

    @GetMapping
    Flux<WebhookView> list(Caller caller) {
        return webhooks.list(caller.tenantWith(Scope.ADMIN)).map(w -> WebhookView.of(w, null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable String id) {
        return tx.transactional(webhooks.delete(caller.tenantWith(Scope.ADMIN), id))
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(new WebhookNotFound(id)));
    }
}
