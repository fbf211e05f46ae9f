package dev.atsrelay.config.run;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.action.CustomActions;
import dev.atsrelay.config.action.DisplayArea;
import dev.atsrelay.config.action.RedirectTemplate;
import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.InvalidParameter;
import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.document.DocumentNotFound;
import dev.atsrelay.config.id.Ids;
import dev.atsrelay.config.id.TenantId;
import dev.atsrelay.config.marketplace.SessionRequest;
import dev.atsrelay.config.marketplace.VendorSessions;
import dev.atsrelay.config.outbox.Outbox;
import dev.atsrelay.config.outbox.OutboxTopic;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Manual custom actions at run time: which buttons a user sees on a display area, and running one on records. A run
 * and one {@code action.invoked} per record are written in one transaction (the events through the outbox). A
 * marketplace action's records get their vendor sessions first, from marketplace-service: all of them, or no run.
 */
@Component
class Runs {

    /** What a run call answers: the form to show, the URL to open, or an accepted background run. */
    sealed interface Answer permits FormToShow, Redirect, Accepted {
    }

    record FormToShow(Document<CustomAction> action) implements Answer {
    }

    record Redirect(Run run, String invocationId, String url) implements Answer {
    }

    record Accepted(Run run) implements Answer {
    }

    private final CustomActions actions;
    private final RunStore store;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final Clock clock;
    private final RunProperties properties;
    private final VendorSessions sessions;

    Runs(CustomActions actions, RunStore store, Outbox outbox, TransactionalOperator tx, JsonMapper json, Clock clock,
         RunProperties properties, VendorSessions sessions) {
        this.actions = actions;
        this.sessions = sessions;
        this.store = store;
        this.outbox = outbox;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    Mono<List<Document<CustomAction>>> buttons(TenantId tenant, String area, UserRef user, List<String> permissions) {
        checkArea(area);
        InvalidField.check(RunRules.user(user, permissions));
        List<String> held = permissions == null ? List.of() : permissions;
        return actions.withButtons(tenant).collectList().map(all -> Buttons.visible(all, area, held));
    }

    Mono<Answer> run(TenantId tenant, String area, String actionId, RunRequest r) {
        checkArea(area);
        RunRules.checkRun(r.user(), r.permissions(), r.records(), properties.maxRecords());
        return actions.get(tenant, actionId)
                .onErrorMap(DocumentNotFound.class, e -> new ActionNotAvailable(actionId, area))
                .filter(d -> Buttons.mayRun(d.body(), area, r.heldPermissions()))
                .switchIfEmpty(Mono.error(() -> new ActionNotAvailable(actionId, area)))
                .flatMap(d -> run(d, area, r));
    }

    /** A run of the tenant, with its totals and one page of its records (of one state, if given). */
    Mono<RunView> view(TenantId tenant, String id, String state, String cursor, int limit) {
        RecordProgress.State only = state(state);
        return store.find(tenant, id).switchIfEmpty(Mono.error(() -> new RunNotFound(id)))
                .flatMap(run -> Mono.zip(store.totals(run.id()), store.page(run.id(), only, cursor, limit).collectList())
                        .map(t -> RunView.of(run, t.getT1(), Page.of(t.getT2(), limit, RunRecord::invocationId))));
    }

    private static RecordProgress.State state(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "pending", "done", "failed" -> RecordProgress.State.of(state);
            default -> throw new InvalidParameter("state", "state must be one of pending, done, failed");
        };
    }

    private Mono<Answer> run(Document<CustomAction> action, String area, RunRequest r) {
        CustomAction.Manual manual = action.body().manual();
        Map<String, Object> input = r.input() == null ? Map.of() : r.input();
        switch (manual.behaviour()) {
            case "popup" -> {
                if (r.input() == null) {
                    return Mono.just(new FormToShow(action));
                }
                InvalidField.check(FormInput.problems(manual.form(), input));
                return start(action, area, r, input).map(s -> new Accepted(s.run()));
            }
            case "redirect" -> {
                noInput(r);
                if (r.records().size() != 1) {
                    throw new InvalidField("/records", "a redirect opens one page: run it on one record at a time");
                }
                return start(action, area, r, input).map(s -> new Redirect(s.run(), s.records().get(0).invocationId(),
                        url(manual, s.run(), s.records().get(0))));
            }
            default -> {
                noInput(r);
                return start(action, area, r, input).map(s -> new Accepted(s.run()));
            }
        }
    }

    private record Started(Run run, List<RunRecord> records) {
    }

    private Mono<Started> start(Document<CustomAction> action, String area, RunRequest r, Map<String, Object> input) {
        CustomAction a = action.body();
        Run run = new Run(Ids.next("run"), action.tenant(), action.id(), a.name(), a.actionType(), a.manual().behaviour(),
                area, r.user(), input, r.records().size(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        // invocation ids are issued in the records' order: they sort (and page) in that order
        List<RunRecord> records = r.records().stream()
                .map(ref -> new RunRecord(Ids.next("inv"), run.id(), ref, RecordProgress.pending(run.createdAt()))).toList();
        // the sessions are opened before the transaction: if one cannot be, nothing is written
        return withSessions(action, run, records).flatMap(recs -> {
            List<Outbox.Entry> events = recs.stream().map(rec -> new Outbox.Entry(ActionInvoked.key(run),
                    json.writeValueAsBytes(ActionInvoked.event(run, rec)), ActionInvoked.headers(run, rec),
                    rec.sessionExpiresAt())).toList();
            return tx.transactional(store.insert(run, recs).then(outbox.appendAll(OutboxTopic.PLATFORM, events)))
                    .thenReturn(new Started(run, recs));
        });
    }

    /** A marketplace action's records, each with the vendor session of its invocation; other records as they are. */
    private Mono<List<RunRecord>> withSessions(Document<CustomAction> action, Run run, List<RunRecord> records) {
        CustomAction.Marketplace marketplace = action.body().marketplace();
        if (!"marketplace".equals(run.actionType()) || marketplace == null) {
            return Mono.just(records);
        }
        // the vendor may read the pop-up's input back on its session; nothing else of the user goes there
        Map<String, Object> context = run.input().isEmpty() ? null : Map.of("input", run.input());
        List<SessionRequest> requests = records.stream().map(rec -> new SessionRequest(run.tenant().value(),
                marketplace.vendorId(), run.actionId(), rec.invocationId(), List.of(new SessionRequest.Record(run.area(),
                        rec.record().recordId(), rec.record().jobId(), rec.record().candidateId())), context)).toList();
        return sessions.openAll(requests).map(opened -> {
            List<RunRecord> withSession = new java.util.ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                withSession.add(records.get(i).withSession(opened.get(i).sessionId(),
                        SessionDeadline.redactAt(opened.get(i), properties.sessionRedaction().interval())));
            }
            return withSession;
        });
    }

    private static String url(CustomAction.Manual manual, Run run, RunRecord record) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("recordId", record.record().recordId());
        values.put("area", run.area());
        values.put("userId", run.user().userId());
        values.put("tenantId", run.tenant().value());
        values.put("actionId", run.actionId());
        values.put("invocationId", record.invocationId());
        values.put("sessionId", record.sessionId()); // null (empty in the URL) unless a marketplace action
        return RedirectTemplate.fill(manual.redirectUrlTemplate(), values);
    }

    private static void noInput(RunRequest r) {
        if (r.input() != null && !r.input().isEmpty()) {
            throw new InvalidField("/input", "only a pop-up action takes input");
        }
    }

    static void checkArea(String area) {
        if (!DisplayArea.known(area)) {
            throw new InvalidParameter("area", "unknown display area '" + area + "'; one of " + DisplayArea.ALL);
        }
    }
}
