package dev.atsrelay.dispatcher.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.dispatcher.delivery.ActionOutcome;
import dev.atsrelay.dispatcher.delivery.InboundEvent;
import dev.atsrelay.dispatcher.delivery.Notices;
import dev.atsrelay.dispatcher.delivery.PlatformEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The ordering promise of stage triggers, with a slow store: a stage event waits for its job's inheritance. */
class TriggersTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TENANT = "tn_1";

    /** Stores in memory, slowly: the write completes well after the stage event has been read. */
    private static final class SlowInheritances extends Inheritances {
        final Map<String, Map<String, List<String>>> stored = new ConcurrentHashMap<>();

        SlowInheritances() {
            super(null, JSON);
        }

        @Override
        Mono<Void> inherit(String tenantId, String jobId, ActionIndex.Template template, Instant at) {
            return Mono.delay(Duration.ofMillis(300)).doOnNext(t -> stored.putIfAbsent(tenantId + " " + jobId, template.stages())).then();
        }

        @Override
        Mono<Map<String, List<String>>> inherited(String tenantId, String jobId) {
            return Mono.fromSupplier(() -> stored.getOrDefault(tenantId + " " + jobId, Map.of()));
        }
    }

    private static final class Published implements Notices {
        final List<PlatformEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> endpointDisabled(String tenantId, String endpointId, String url, String reason, Instant failingSince,
                                           Instant disabledAt, Integer lastStatus) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> publish(List<PlatformEvent> published) {
            return Mono.fromRunnable(() -> events.addAll(published));
        }

        @Override
        public Mono<Void> actionOutcome(ActionOutcome outcome) {
            return Mono.empty();
        }
    }

    private final ActionIndex index = new ActionIndex();
    private final Published published = new Published();
    private final Triggers triggers = new Triggers(index, new SlowInheritances(), published, null, JSON,
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), new SimpleMeterRegistry());

    TriggersTests() {
        index.putAction(new ActionIndex.Action("act_t", TENANT, 1, "manual", "Onboard", true, null, Set.of(), null));
        index.putTemplate(TENANT, new ActionIndex.Template("tpl-1", 1, false, Map.of("st-offer", List.of("act_t"))));
    }

    @Test
    void aStageEventReadRightAfterJobCreatedWaitsForTheInheritance() {
        Mono<Void> created = triggers.fire(event("e1", "job.created", "{\"jobId\":\"J-1\",\"templateId\":\"tpl-1\"}"));
        Mono<Void> entered = triggers.fire(event("e2", "candidate.stage_entered",
                "{\"jobId\":\"J-1\",\"candidateId\":\"C-1\",\"stage\":{\"stageId\":\"st-offer\",\"isFilledStage\":false}}"));
        // both are subscribed at once, as the consumer does; the inheritance is stored 300 ms later
        Mono.when(created, entered).block(Duration.ofSeconds(5));
        assertThat(published.events).hasSize(1);
        assertThat(new String(published.events.get(0).value(), StandardCharsets.UTF_8)).contains("\"stage_trigger\"", "\"act_t\"");
    }

    @Test
    void aReReadEventStartsTheSameInvocationAgainNotASecondOne() {
        var filled = new ActionIndex.Action("act_f", TENANT, 1, "event", "On fill", true, "job_fill", Set.of(), null);
        index.putAction(filled);
        InboundEvent e = event("e3", "job.filled", "{\"jobId\":\"J-2\",\"filledBy\":{\"type\":\"api\",\"id\":\"client-1\"}}");
        triggers.fire(e).block();
        triggers.fire(e).block();
        assertThat(published.events).hasSize(2);
        assertThat(published.events.get(0).id()).isEqualTo(published.events.get(1).id());
        assertThat(new String(published.events.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("\"user\"");
    }

    private static InboundEvent event(String id, String type, String data) {
        String json = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"tenantid\":\"" + TENANT + "\",\"data\":" + data + "}";
        return new InboundEvent(id, TENANT, type, TENANT + ":job:x", json.getBytes(StandardCharsets.UTF_8), null, null, null, null);
    }
}
