package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.action.Triggers;
import dev.atsrelay.dispatcher.delivery.Dispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the domain-event consumer threads once the configuration index has caught up, replaces a consumer that fails,
 * and stops them gracefully: stop polling, let in-flight deliveries finish (bounded), commit.
 */
@Component
class DomainEventConsumers implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DomainEventConsumers.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ConfigTopicReader config;
    private final Dispatcher dispatcher;
    private final Triggers triggers;
    private final TopicProperties topics;
    private final ConsumerProperties properties;
    private final KafkaProperties kafka;
    private final MeterRegistry meters;
    private final RecordReader reader;
    private final RecordTracing tracing;
    private final MalformedRecords malformed;
    private final Map<Integer, DomainEventConsumer> consumers = new ConcurrentHashMap<>();
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final Counter restarts;
    private volatile boolean running;

    DomainEventConsumers(ConfigTopicReader config, Dispatcher dispatcher, Triggers triggers, TopicProperties topics,
                         ConsumerProperties properties, KafkaProperties kafka, MeterRegistry meters, JsonMapper json,
                         KafkaTemplate<String, byte[]> producer, Clock clock, ObjectProvider<Tracer> tracer,
                         ObjectProvider<Propagator> propagator) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.triggers = triggers;
        this.topics = topics;
        this.properties = properties;
        this.kafka = kafka;
        this.meters = meters;
        this.reader = new RecordReader(json);
        // tracing switched off (management.tracing.enabled=false): records are dispatched without spans
        this.tracing = new RecordTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
        this.malformed = new MalformedRecords(producer, topics.malformedTopic(), clock);
        this.restarts = Counter.builder("atsrelay.dispatcher.consumer.restarts")
                .description("Domain-event consumers replaced after an unexpected failure").register(meters);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.consumers(); i++) {
            int n = i;
            Thread thread = new Thread(() -> runUntilStopped(n), "domain-events-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Waits for the configuration index, then consumes. A consumer that fails unexpectedly (e.g. fenced by another
     * instance with the same static id) is replaced after a back-off; meanwhile this instance reports itself DOWN.
     */
    private void runUntilStopped(int n) {
        try {
            while (running && !config.awaitCaughtUp(Duration.ofSeconds(10))) {
                log.info("waiting for the configuration index before consuming domain events");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            long started = System.nanoTime();
            boolean crashed;
            try {
                crashed = consume(n);
            } catch (RuntimeException e) {
                log.error("cannot start a domain-event consumer; trying again", e);
                crashed = true;
            }
            if (!crashed) {
                return;
            }
            // a consumer that ran for a while before failing starts the back-off over
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_BACKOFF) > 0) {
                backoff = FIRST_BACKOFF;
            }
            restarts.increment();
            failed.add(n);
            sleepWhileRunning(backoff);
            failed.remove(n);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** One consumer's life: true if it failed unexpectedly. */
    private boolean consume(int n) {
        String instance = properties.instanceId().isBlank() ? "" : properties.instanceId() + "-" + n;
        var consumer = new DomainEventConsumer(kafka.buildConsumerProperties(), List.of(topics.eventsTopic(), topics.platformTopic()),
                topics.prefix() + properties.groupId(), instance, dispatcher, triggers, properties, reader, tracing,
                malformed);
        consumers.put(n, consumer);
        if (!running) {
            consumer.stop(); // stopped while this one was being created
        }
        try (var metrics = new KafkaClientMetrics(consumer.kafkaConsumer())) {
            metrics.bindTo(meters);
            return consumer.run();
        } finally {
            consumers.remove(n, consumer);
        }
    }

    private void sleepWhileRunning(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        consumers.values().forEach(DomainEventConsumer::stop);
        for (Thread t : threads) {
            try {
                t.join(properties.shutdownGrace().toMillis() + 15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public Health health() {
        return failed.isEmpty() ? Health.up().build()
                : Health.down().withDetail("reason", failed.size() + " domain-event consumer(s) failed and are being restarted").build();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
