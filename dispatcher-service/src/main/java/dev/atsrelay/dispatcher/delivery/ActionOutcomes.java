package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.webhook.WebhookResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports how each delivery of an {@code action.invoked} to its own action's endpoint went
 * ({@code ats.action.outcomes.v1}), so that config-service can show a run's per-record progress. Deliveries of
 * other messages, and of {@code action.invoked} to webhooks subscribed to it, report nothing. A report that cannot be
 * published is logged and counted; it never fails the delivery.
 */
@Component
class ActionOutcomes {

    static final String DELIVERED = "delivered";
    static final String RETRYING = "retrying";
    static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(ActionOutcomes.class);

    private final Notices notices;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter unpublished;

    ActionOutcomes(Notices notices, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.notices = notices;
        this.json = json;
        this.clock = clock;
        this.unpublished = Counter.builder("atsrelay.dispatcher.action.outcomes.unpublished")
                .description("Outcomes of action deliveries that could not be published (run progress may lag)").register(meters);
    }

    /** Whether {@code m} is an {@code action.invoked} for its own action's endpoint (action ids are {@code act_…}). */
    static boolean isAction(Message m) {
        return "action.invoked".equals(m.eventType()) && m.endpointId().startsWith("act_");
    }

    /** {@code r} is the attempt's response, or null when there was no attempt; {@code reason} only with {@link #FAILED}. */
    Mono<Void> report(Message m, String outcome, int attempt, WebhookResponse r, String reason) {
        if (!isAction(m) || m.payload() == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            JsonNode data = json.readTree(m.payload()).path("data");
            var o = new ActionOutcome(data.path("invocationId").asString(), data.path("runId").asString(null), m.tenantId(),
                    m.endpointId(), m.eventId(), m.messageId(), outcome, attempt,
                    r == null || r.status() <= 0 ? null : r.status(), r == null ? null : r.error(), reason, clock.instant());
            return notices.actionOutcome(o);
        }).onErrorResume(e -> {
            unpublished.increment();
            log.warn("outcome {} of {} not published: {}", outcome, m.messageId(), e.toString());
            return Mono.empty();
        });
    }
}
