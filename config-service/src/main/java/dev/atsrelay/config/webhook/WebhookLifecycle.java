package dev.atsrelay.config.webhook;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.catalogue.EventCatalogue;
import dev.atsrelay.config.endpoint.EndpointProperties;
import dev.atsrelay.config.id.Ids;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.secret.SigningSecrets;
import dev.atsrelay.config.testdelivery.TestDeliveries;
import dev.atsrelay.config.testdelivery.TestResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Settings → Webhooks: every change of a webhook, checked, written with its outbox record in one transaction. */
@Component
public class WebhookLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookLifecycle.class);

    private final Webhooks webhooks;
    private final EventCatalogue catalogue;
    private final SigningSecrets secrets;
    private final TestDeliveries tests;
    private final WebhookProperties properties;
    private final EndpointProperties endpoints;
    private final TransactionalOperator tx;
    private final Clock clock;

    WebhookLifecycle(Webhooks webhooks, EventCatalogue catalogue, SigningSecrets secrets, TestDeliveries tests,
                     WebhookProperties properties, EndpointProperties endpoints, TransactionalOperator tx, Clock clock) {
        this.webhooks = webhooks;
        this.catalogue = catalogue;
        this.secrets = secrets;
        this.tests = tests;
        this.properties = properties;
        this.endpoints = endpoints;
        this.tx = tx;
        this.clock = clock;
    }

    /** The fields an administrator sets; null leaves a field as it is (on update). */
    record Settings(String url, String description, List<String> eventTypes, Filters filters, DeliverySettings delivery) {
    }

    record WithSecret(Webhook webhook, String secret) {
    }

    Mono<WithSecret> create(TenantId tenant, Settings s) {
        check(s, true);
        WebhookId id = WebhookId.generate();
        Instant now = clock.instant();
        var issued = secrets.issue(id.value(), now);
        var webhook = new Webhook(id, tenant, s.url(), s.description() == null ? "" : s.description(), types(s.eventTypes()),
                Filters.orNone(s.filters()), DeliverySettings.orDefault(s.delivery()), Webhook.Status.PENDING_TEST, true, null,
                List.of(issued.secret()), null, 1, now, now);
        return tx.transactional(webhooks.insert(webhook)).map(w -> new WithSecret(w, issued.plaintext()));
    }

    Mono<Webhook> get(TenantId tenant, String id) {
        return webhooks.find(tenant, id).switchIfEmpty(Mono.error(new WebhookNotFound(id)));
    }

    Mono<Page<Webhook>> list(TenantId tenant, String cursor, int limit) {
        return webhooks.list(tenant, cursor, limit).collectList().map(rows -> Page.of(rows, limit, w -> w.id().value()));
    }

    Mono<Webhook> update(TenantId tenant, String id, String ifMatch, Settings s) {
        check(s, false);
        return change(tenant, id, ifMatch, w -> w.changed(s.url() != null ? s.url() : w.url(),
                s.description() != null ? s.description() : w.description(),
                s.eventTypes() != null ? types(s.eventTypes()) : w.eventTypes(),
                s.filters() != null ? Filters.orNone(s.filters()) : w.filters(),
                s.delivery() != null ? DeliverySettings.orDefault(s.delivery()) : w.settings(), clock.instant(), properties.testValidity()));
    }

    /** Sends a signed webhook.test to the webhook's URL, or to a candidate URL before changing it, and records it. */
    Mono<TestResult> test(TenantId tenant, String id, String candidateUrl) {
        if (candidateUrl != null) {
            checkUrl(candidateUrl, "/url");
        }
        return get(tenant, id).flatMap(w -> {
            String url = candidateUrl != null ? candidateUrl : w.url();
            return tests.send(tenant.value(), w.id().value(), url, w.secrets(), testEvent(w), w.settings().timeoutMs())
                    .flatMap(result -> webhooks.saveLastTest(tenant, w.id(), result).thenReturn(result));
        });
    }

    Mono<Webhook> activate(TenantId tenant, String id, String ifMatch, boolean skipTest, String reason) {
        if (skipTest && (reason == null || reason.isBlank())) {
            throw new InvalidField("/reason", "skipping the test needs a reason, kept in the service's log");
        }
        return change(tenant, id, ifMatch, w -> {
            Webhook active = w.activated(clock.instant(), properties.testValidity(), skipTest);
            if (skipTest) {
                log.warn("webhook {} of tenant {} activated without a passing test: {}", w.id(), tenant, reason);
            }
            return active;
        });
    }

    Mono<WithSecret> rotateSecret(TenantId tenant, String id, String ifMatch, Duration overlap) {
        Duration keep = overlap != null ? overlap : properties.rotationOverlap();
        if (keep.isNegative() || keep.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidField("/overlap", "overlap must be between PT0S and P7D");
        }
        String[] plaintext = new String[1];
        return change(tenant, id, ifMatch, w -> {
            Instant now = clock.instant();
            var issued = secrets.issue(w.id().value(), now);
            plaintext[0] = issued.plaintext();
            return w.withSecrets(SigningSecrets.rotated(w.secrets(), issued.secret(), keep, now), now);
        }).map(w -> new WithSecret(w, plaintext[0]));
    }

    Mono<Webhook> enable(TenantId tenant, String id, String ifMatch, boolean on, String reason) {
        return change(tenant, id, ifMatch, w -> w.enabled(on, on ? null : (reason == null ? "disabled by an administrator" : reason),
                clock.instant()));
    }

    /**
     * The dispatcher disabled the endpoint at {@code disabledAt} (failing for days, or 410 Gone); an administrator
     * re-enables it. A webhook already disabled keeps its reason, and one changed since then (re-enabled by its owner
     * before this notice arrived) is left alone.
     */
    public Mono<Void> disabledByDispatcher(TenantId tenant, String id, String reason, Instant disabledAt) {
        return get(tenant, id).filter(w -> w.enabled() && !w.updatedAt().isAfter(disabledAt))
                .flatMap(w -> enable(tenant, id, null, false, reason)).then()
                .onErrorResume(WebhookNotFound.class, e -> Mono.empty());
    }

    Mono<Void> delete(TenantId tenant, String id, String ifMatch) {
        return tx.transactional(get(tenant, id).flatMap(w -> {
            Versions.checkIfMatch(ifMatch, w.version());
            return webhooks.delete(tenant, id, w.version());
        })).then();
    }

    private Mono<Webhook> change(TenantId tenant, String id, String ifMatch, java.util.function.Function<Webhook, Webhook> f) {
        return tx.transactional(get(tenant, id).flatMap(w -> {
            Versions.checkIfMatch(ifMatch, w.version());
            return webhooks.update(f.apply(w));
        }));
    }

    private Map<String, Object> testEvent(Webhook w) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", Ids.next("evt_test"));
        event.put("source", "/atsrelay/config-service");
        event.put("type", "webhook.test");
        event.put("time", clock.instant().toString());
        event.put("subject", "webhook/" + w.id());
        event.put("datacontenttype", "application/json");
        event.put("tenantid", w.tenantId().value());
        event.put("data", Map.of("webhookId", w.id().value(), "test", true,
                "message", "This is a test delivery from ATS Relay. It changes nothing."));
        return event;
    }

    private List<String> types(List<String> eventTypes) {
        return eventTypes.stream().distinct().sorted().toList();
    }

    private void check(Settings s, boolean creating) {
        List<InvalidField.Problem> problems = new ArrayList<>();
        if (creating || s.url() != null) {
            String urlProblem = endpoints.problem(s.url());
            if (urlProblem != null) {
                problems.add(new InvalidField.Problem("/url", "url " + urlProblem));
            }
        }
        if (creating || s.eventTypes() != null) {
            if (s.eventTypes() == null || s.eventTypes().isEmpty() || s.eventTypes().size() > 50) {
                problems.add(new InvalidField.Problem("/eventTypes", "eventTypes must list 1 to 50 event types"));
            } else {
                for (int i = 0; i < s.eventTypes().size(); i++) {
                    if (!catalogue.contains(s.eventTypes().get(i))) {
                        problems.add(new InvalidField.Problem("/eventTypes/" + i, "unknown event type '" + s.eventTypes().get(i)
                                + "'; known types: " + catalogue.types()));
                    }
                }
            }
        }
        if (s.description() != null && s.description().length() > 500) {
            problems.add(new InvalidField.Problem("/description", "description must be at most 500 characters"));
        }
        if (s.filters() != null) {
            Filters.orNone(s.filters()).problems("/filters")
                    .forEach(p -> problems.add(new InvalidField.Problem(p.pointer(), p.detail())));
        }
        if (s.delivery() != null && s.delivery().problem() != null) {
            problems.add(new InvalidField.Problem("/delivery", s.delivery().problem()));
        }
        InvalidField.check(problems);
    }

    private void checkUrl(String url, String pointer) {
        String problem = endpoints.problem(url);
        if (problem != null) {
            throw new InvalidField(pointer, "url " + problem);
        }
    }
}
