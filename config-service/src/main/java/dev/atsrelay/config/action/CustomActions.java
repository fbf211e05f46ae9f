package dev.atsrelay.config.action;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.document.DocumentNotFound;
import dev.atsrelay.config.document.Documents;
import dev.atsrelay.config.endpoint.EndpointProperties;
import dev.atsrelay.config.id.Ids;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.secret.SigningSecrets;
import dev.atsrelay.config.stage.WorkflowStages;
import dev.atsrelay.config.testdelivery.TestDeliveries;
import dev.atsrelay.config.testdelivery.TestResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Settings → Custom Actions: every change checked against the rules and the tenant's workflow, then published. */
@Component
public class CustomActions {

    public static final String KIND = "action";

    private final Documents documents;
    private final WorkflowStages workflow;
    private final SigningSecrets secrets;
    private final TestDeliveries tests;
    private final EndpointProperties endpoints;
    private final TransactionalOperator tx;
    private final Clock clock;

    CustomActions(Documents documents, WorkflowStages workflow, SigningSecrets secrets, TestDeliveries tests,
                  EndpointProperties endpoints, TransactionalOperator tx, Clock clock) {
        this.documents = documents;
        this.workflow = workflow;
        this.secrets = secrets;
        this.tests = tests;
        this.endpoints = endpoints;
        this.tx = tx;
        this.clock = clock;
    }

    record WithSecret(Document<CustomAction> action, String secret) {
    }

    Mono<WithSecret> create(TenantId tenant, CustomAction requested) {
        String id = Ids.next("act");
        var issued = secrets.issue(id, clock.instant());
        CustomAction action = new CustomAction(requested.actionType(), requested.name(), requested.description(),
                requested.endpointUrl(), true, List.of(issued.secret()), requested.manual(), requested.event(),
                requested.marketplace());
        return checked(tenant, action)
                .flatMap(a -> tx.transactional(documents.insert(KIND, tenant, id, a)))
                .map(d -> new WithSecret(d, issued.plaintext()));
    }

    public Mono<Document<CustomAction>> get(TenantId tenant, String id) {
        return documents.find(KIND, tenant, id, CustomAction.class)
                .switchIfEmpty(Mono.error(new DocumentNotFound("custom action", id)));
    }

    /** Every action of the tenant that may show a button (manual, and marketplace with a manual section), in id order. */
    public Flux<Document<CustomAction>> withButtons(TenantId tenant) {
        return documents.all(KIND, tenant, CustomAction.class).filter(d -> d.body().manual() != null);
    }

    Mono<Page<Document<CustomAction>>> list(TenantId tenant, String type, String cursor, int limit) {
        if (type != null && !CustomAction.TYPES.contains(type)) {
            throw new dev.atsrelay.config.api.InvalidParameter("type", "type must be one of " + CustomAction.TYPES);
        }
        return documents.list(KIND, tenant, cursor, limit, CustomAction.class, type == null ? null : "actionType", type)
                .collectList().map(rows -> Page.of(rows, limit, Document::id));
    }

    Mono<Document<CustomAction>> update(TenantId tenant, String id, String ifMatch, Function<CustomAction, CustomAction> change) {
        return tx.transactional(get(tenant, id).flatMap(d -> {
            Versions.checkIfMatch(ifMatch, d.version());
            return checked(tenant, change.apply(d.body())).flatMap(next -> documents.update(d.with(next, clock.instant())));
        }));
    }

    Mono<WithSecret> rotateSecret(TenantId tenant, String id, String ifMatch, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidField("/overlap", "overlap must be between PT0S and P7D");
        }
        String[] plaintext = new String[1];
        return update(tenant, id, ifMatch, a -> {
            Instant now = clock.instant();
            var issued = secrets.issue(id, now);
            plaintext[0] = issued.plaintext();
            return a.with(a.name(), a.description(), a.endpointUrl(), a.enabled(),
                    SigningSecrets.rotated(a.secrets(), issued.secret(), overlap, now), a.manual(), a.event(), a.marketplace());
        }).map(d -> new WithSecret(d, plaintext[0]));
    }

    /** The dispatcher disabled the action's endpoint; an administrator re-enables it. */
    public Mono<Void> disabledByDispatcher(TenantId tenant, String id) {
        return update(tenant, id, null, a -> a.with(a.name(), a.description(), a.endpointUrl(), false, a.secrets(), a.manual(),
                a.event(), a.marketplace())).then()
                .onErrorResume(dev.atsrelay.config.document.DocumentNotFound.class, e -> Mono.empty());
    }

    Mono<Void> delete(TenantId tenant, String id, String ifMatch) {
        return tx.transactional(get(tenant, id).flatMap(d -> {
            Versions.checkIfMatch(ifMatch, d.version());
            return documents.delete(d);
        }));
    }

    /** Test run: a sample action.invoked, marked as a test, through the dispatcher to the action's endpoint. */
    Mono<TestResult> test(TenantId tenant, String id) {
        return get(tenant, id).flatMap(d -> tests.send(tenant.value(), id, d.body().endpointUrl(), d.body().secrets(), sample(d), null)
                .flatMap(result -> documents.saveLastTest(KIND, tenant, id, result).thenReturn(result)));
    }

    Mono<TestResult> lastTest(TenantId tenant, String id) {
        return documents.lastTest(KIND, tenant, id, TestResult.class);
    }

    private Mono<CustomAction> checked(TenantId tenant, CustomAction action) {
        return workflow.current(tenant).map(w -> {
            List<InvalidField.Problem> problems = new ArrayList<>();
            String urlProblem = endpoints.problem(action.endpointUrl());
            if (urlProblem != null) {
                problems.add(new InvalidField.Problem("/endpointUrl", "endpointUrl " + urlProblem));
            }
            List<ActionRules.FilledStage> filled = new ArrayList<>();
            problems.addAll(ActionRules.problems(action, w.body(), filled));
            InvalidField.check(problems);
            if (!filled.isEmpty()) {
                throw new FilledStageNotAllowed(filled);
            }
            return action;
        });
    }

    private Map<String, Object> sample(Document<CustomAction> d) {
        CustomAction a = d.body();
        String area = a.manual() != null && !a.manual().displayAreas().isEmpty() ? a.manual().displayAreas().get(0) : "candidate";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invocationId", Ids.next("inv_test"));
        data.put("test", true);
        data.put("action", Map.of("actionId", d.id(), "name", a.name(), "type", a.actionType()));
        data.put("trigger", Map.of("kind", a.event() == null ? "manual" : a.event().trigger()));
        data.put("user", Map.of("userId", "test-user", "name", "Test User"));
        data.put("record", Map.of("area", area, "recordId", "TEST-RECORD"));
        data.put("input", Map.of());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", Ids.next("evt_test"));
        event.put("source", "/atsrelay/config-service");
        event.put("type", "action.invoked");
        event.put("time", clock.instant().toString());
        event.put("subject", "action/" + d.id());
        event.put("datacontenttype", "application/json");
        event.put("tenantid", d.tenant().value());
        event.put("data", data);
        return event;
    }
}
