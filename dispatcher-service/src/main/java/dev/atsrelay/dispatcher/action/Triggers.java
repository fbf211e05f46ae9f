package dev.atsrelay.dispatcher.action;

import dev.atsrelay.dispatcher.delivery.InboundEvent;
import dev.atsrelay.dispatcher.delivery.Notices;
import dev.atsrelay.dispatcher.delivery.PlatformEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into action runs (docs/adr/0016-action-triggers.md):
 * <ul>
 * <li>{@code job.filled} — filled by any method — runs every enabled Event action on <i>Job Order Fill</i>;</li>
 * <li>{@code candidate.stage_entered} runs the Event actions configured for that stage, never for the Filled stage,
 * and the stage triggers of the job on that stage: those added to the job, and those it inherited from its template;</li>
 * <li>{@code job.created} records what the job inherits: the stage triggers of its template, or of the tenant's
 * default template, as they are now.</li>
 * </ul>
 * Each run is an {@code action.invoked} published on the platform topic, from which it is delivered to the action's
 * endpoint like every message. Called in partition order: a stage event that follows its job's {@code job.created}
 * waits until the inheritance is stored.
 */
@Component
public class Triggers {

    private static final Logger log = LoggerFactory.getLogger(Triggers.class);

    private final ActionIndex index;
    private final Inheritances inheritances;
    private final Notices notices;
    private final MarketplaceSessions sessions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    /** Inheritances being stored, by tenant and job: stage events of the job wait for them. */
    private final Map<String, Mono<Void>> storing = new ConcurrentHashMap<>();

    Triggers(ActionIndex index, Inheritances inheritances, Notices notices, MarketplaceSessions sessions, JsonMapper json,
             Clock clock, MeterRegistry meters) {
        this.sessions = sessions;
        this.index = index;
        this.inheritances = inheritances;
        this.notices = notices;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** Completes when the runs the event starts are published (or when it starts none). Call in partition order. */
    public Mono<Void> fire(InboundEvent e) {
        return switch (e.type()) {
            case "job.created", "job.filled", "candidate.stage_entered" -> {
                ActionIndex.Tenant tenant = index.tenant(e.tenantId());
                if (tenant.actions().isEmpty()) {
                    yield Mono.empty(); // nothing could run: the common case costs nothing
                }
                JsonNode data = data(e);
                if (data == null) {
                    yield Mono.empty();
                }
                yield switch (e.type()) {
                    case "job.created" -> inherit(e, tenant, data);
                    case "job.filled" -> publish(jobFilled(e, tenant, data));
                    default -> stageEntered(e, tenant, data);
                };
            }
            default -> Mono.empty();
        };
    }

    private Mono<Void> inherit(InboundEvent e, ActionIndex.Tenant tenant, JsonNode data) {
        String jobId = data.path("jobId").asString(null);
        String templateId = data.path("templateId").asString(null);
        var template = templateId == null ? tenant.defaultTemplate() : Optional.ofNullable(tenant.templates().get(templateId));
        if (jobId == null || template.isEmpty()) {
            return Mono.empty();
        }
        String key = e.tenantId() + " " + jobId;
        Mono<Void> store = inheritances.inherit(e.tenantId(), jobId, template.get(), clock.instant())
                .cache(v -> Duration.ZERO, error -> Duration.ZERO, () -> Duration.ofDays(1));
        Mono<Void> tracked = store.doOnSuccess(v -> storing.remove(key, store));
        storing.put(key, store);
        return tracked;
    }

    private List<Invocation> jobFilled(InboundEvent e, ActionIndex.Tenant tenant, JsonNode data) {
        String jobId = data.path("jobId").asString(null);
        if (jobId == null) {
            return List.of();
        }
        Map<String, String> record = record("job_order", jobId, jobId, null);
        return tenant.actions().values().stream()
                .filter(a -> a.enabled() && "job_fill".equals(a.trigger()))
                .sorted(Comparator.comparing(ActionIndex.Action::id))
                .map(a -> new Invocation(e.tenantId(), a, "job_fill", e.id(), e.type(), record, user(data.path("filledBy"))))
                .toList();
    }

    private Mono<Void> stageEntered(InboundEvent e, ActionIndex.Tenant tenant, JsonNode data) {
        String jobId = data.path("jobId").asString(null);
        String candidateId = data.path("candidateId").asString(null);
        String stageId = data.path("stage").path("stageId").asString(null);
        if (jobId == null || stageId == null) {
            return Mono.empty();
        }
        String recordId = data.path("referralId").asString(candidateId == null ? jobId : candidateId);
        Map<String, String> record = record("referral_workflow", recordId, jobId, candidateId);
        Map<String, String> user = user(data.path("movedBy"));
        List<Invocation> runs = new ArrayList<>();
        boolean filledStage = data.path("stage").path("isFilledStage").asBoolean(false) || tenant.filledStages().contains(stageId);
        if (!filledStage) {
            tenant.actions().values().stream()
                    .filter(a -> a.enabled() && "stage_entered".equals(a.trigger()) && a.stageIds().contains(stageId))
                    .sorted(Comparator.comparing(ActionIndex.Action::id))
                    .forEach(a -> runs.add(new Invocation(e.tenantId(), a, "stage_entered", e.id(), e.type(), record, user)));
        }
        return storing.getOrDefault(e.tenantId() + " " + jobId, Mono.empty())
                .then(inheritances.inherited(e.tenantId(), jobId))
                .flatMap(inherited -> {
                    Set<String> actionIds = new LinkedHashSet<>(index.jobTriggers(e.tenantId(), jobId).getOrDefault(stageId, List.of()));
                    actionIds.addAll(inherited.getOrDefault(stageId, List.of()));
                    for (String id : actionIds) {
                        ActionIndex.Action a = tenant.actions().get(id);
                        if (a != null && a.enabled()) { // a trigger may name an action deleted since
                            runs.add(new Invocation(e.tenantId(), a, "stage_trigger", e.id(), e.type(), record, user));
                        }
                    }
                    return publish(runs);
                });
    }

    /**
     * Publishes the runs; a marketplace action's run first opens its vendor session (idempotent on the invocation:
     * an event read again gets the same session). If marketplace-service cannot open it, the whole dispatch of the
     * event fails and is retried, so no run is lost.
     */
    private Mono<Void> publish(List<Invocation> runs) {
        if (runs.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(runs)
                .concatMap(run -> {
                    if (!run.action().marketplace()) {
                        return Mono.just(event(run, null));
                    }
                    if (run.action().vendorId() == null) {
                        log.warn("not running marketplace action {}: it names no vendor", run.action().id());
                        return Mono.empty();
                    }
                    return sessions.open(run, run.action().vendorId()).map(session -> event(run, session));
                })
                .collectList()
                .flatMap(events -> events.isEmpty() ? Mono.empty() : notices.publish(events));
    }

    private PlatformEvent event(Invocation run, MarketplaceSessions.Session session) {
        Counter.builder("atsrelay.dispatcher.actions.invoked").tag("trigger", run.kind())
                .description("Action runs started from domain events, by trigger").register(meters).increment();
        return new PlatformEvent(run.key(), run.id(), "action.invoked", run.tenantId(),
                json.writeValueAsBytes(run.cloudEvent(clock.instant(), session)), session == null ? null : session.expiresAt());
    }

    private JsonNode data(InboundEvent e) {
        try {
            JsonNode data = json.readTree(e.payload()).path("data");
            return data.isObject() ? data : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private static Map<String, String> record(String area, String recordId, String jobId, String candidateId) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("area", area);
        record.put("recordId", recordId);
        record.put("jobId", jobId);
        if (candidateId != null) {
            record.put("candidateId", candidateId);
        }
        return record;
    }

    /** The user who caused the event ({@code {type, id, name}}), or null when it was not a user (an API client). */
    private static Map<String, String> user(JsonNode actor) {
        if (!"user".equals(actor.path("type").asString(null)) || actor.path("id").asString(null) == null) {
            return null;
        }
        Map<String, String> user = new LinkedHashMap<>();
        user.put("userId", actor.path("id").asString());
        String name = actor.path("name").asString(null);
        if (name != null) {
            user.put("name", name);
        }
        return user;
    }
}
