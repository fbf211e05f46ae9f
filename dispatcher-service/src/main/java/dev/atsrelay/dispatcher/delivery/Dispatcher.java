package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.EventView;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Matches an event against the tenant's subscriptions (by tenant and type, then each subscription's filter; endpoints
 * the dispatcher disabled and their owner has not re-enabled yet are skipped, as if config-service had disabled them) and
 * makes the first attempt of one message per matching endpoint, straight from the stream. The returned Mono completes
 * when every message is delivered or durably scheduled — only then may the event's offset be committed.
 */
@Component
public class Dispatcher {

    private final SubscriptionIndex subscriptions;
    private final Deliveries deliveries;
    private final EndpointHealth health;
    private final JsonMapper json;
    private final Clock clock;
    private final Redeliveries redeliveries;
    private final AtomicInteger inFlight = new AtomicInteger();

    Dispatcher(SubscriptionIndex subscriptions, Deliveries deliveries, Redeliveries redeliveries, EndpointHealth health,
               JsonMapper json, Clock clock) {
        this.clock = clock;
        this.redeliveries = redeliveries;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.health = health;
        this.json = json;
    }

    public Mono<Void> dispatch(InboundEvent event) {
        return dispatch(event, false);
    }

    /**
     * {@code readAgain}: the record may have been dispatched already by the partition's previous owner (it lies between
     * the committed offset and the partition's end when this instance took it over); each of its messages is sent only
     * if that owner did not deliver, schedule or dead-letter it ({@link Redeliveries}).
     */
    public Mono<Void> dispatch(InboundEvent event, boolean readAgain) {
        Mono<Void> action = "action.invoked".equals(event.type()) ? toAction(event, readAgain) : Mono.empty();
        List<Subscription> candidates = subscriptions.matching(event.tenantId(), event.type());
        if (candidates.isEmpty()) {
            return action;
        }
        List<Subscription> matching = new ArrayList<>(candidates.size());
        EventView view = null;
        for (Subscription s : candidates) {
            if (health.disabled(s)) {
                continue;
            }
            if (!s.filter().isEmpty()) {
                view = view != null ? view : view(event.payload());
                if (!s.filter().matches(view)) {
                    continue;
                }
            }
            matching.add(s);
        }
        return Flux.fromIterable(matching).flatMap(s -> first(Message.of(event, s.id(), s.settings().fifo()), s, readAgain))
                .then(action);
    }

    /**
     * An {@code action.invoked} goes to its action's endpoint (beside any webhook subscribed to the type). An action
     * that is gone, belongs to another tenant or is disabled gets nothing, and its run is told.
     */
    private Mono<Void> toAction(InboundEvent event, boolean readAgain) {
        String actionId;
        try {
            actionId = json.readTree(event.payload()).path("data").path("action").path("actionId").asString(null);
        } catch (JacksonException e) {
            return Mono.empty();
        }
        if (actionId == null || !actionId.startsWith("act_")) {
            return Mono.empty();
        }
        Subscription a = subscriptions.find(actionId);
        Message m = Message.of(event, actionId, false);
        if (a == null || !a.tenantId().equals(event.tenantId())) {
            return deliveries.discarded(m, 0);
        }
        if (!a.enabled() || health.disabled(a)) {
            return deliveries.deadLetter(m, 0, "endpoint_disabled", null, clock.instant());
        }
        return first(m, a, readAgain);
    }

    /** A first attempt, unless the message was handled before a handover (readAgain). */
    private Mono<Void> first(Message m, Subscription s, boolean readAgain) {
        return readAgain ? redeliveries.handled(m.messageId()).flatMap(handled -> handled ? Mono.<Void>empty() : first(m, s))
                : first(m, s);
    }

    /** A first attempt, counted while in flight (until delivered, durably scheduled or handed off). */
    private Mono<Void> first(Message m, Subscription s) {
        return Mono.defer(() -> {
            inFlight.incrementAndGet();
            return deliveries.first(m, s).doFinally(signal -> inFlight.decrementAndGet());
        });
    }

    /** First attempts in flight now: the consumer pauses above its limit, so a backlog waits in Kafka. */
    public int deliveriesInFlight() {
        return inFlight.get();
    }

    /**
     * Call before consuming newly assigned partitions: their FIFO lanes may have retry rows written by the instance
     * that had them before, and new messages must queue behind those.
     */
    public void partitionsAssigned() {
        deliveries.refreshLanes();
    }

    /** The event's fields by JSON pointer; an event that is not JSON matches no filter. */
    private EventView view(byte[] payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            return pointer -> null;
        }
        return pointer -> value(root.at(pointer));
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(value(n)));
            return list;
        }
        return node.isString() ? node.asString() : node.toString();
    }
}
