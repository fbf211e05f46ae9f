package dev.atsrelay.dispatcher.delivery;

import dev.atsrelay.dispatcher.subscription.EventView;
import dev.atsrelay.dispatcher.subscription.Subscription;
import dev.atsrelay.dispatcher.subscription.SubscriptionIndex;
import java.util.ArrayList;
import java.util.List;
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

    Dispatcher(SubscriptionIndex subscriptions, Deliveries deliveries, EndpointHealth health, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.health = health;
        this.json = json;
    }

    public Mono<Void> dispatch(InboundEvent event) {
        List<Subscription> candidates = subscriptions.matching(event.tenantId(), event.type());
        if (candidates.isEmpty()) {
            return Mono.empty();
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
        return Flux.fromIterable(matching).flatMap(s -> deliveries.first(Message.of(event, s.id()), s)).then();
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
