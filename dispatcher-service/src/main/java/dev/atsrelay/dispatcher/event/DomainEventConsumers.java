package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.delivery.Dispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the domain-event consumer threads once the configuration index has caught up, and stops them gracefully:
 * stop polling, let in-flight deliveries finish (bounded), commit.
 */
@Component
class DomainEventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DomainEventConsumers.class);

    private final ConfigTopicReader config;
    private final Dispatcher dispatcher;
    private final TopicProperties topics;
    private final ConsumerProperties properties;
    private final KafkaProperties kafka;
    private final MeterRegistry meters;
    private final RecordReader reader;
    private final MalformedRecords malformed;
    private final List<DomainEventConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DomainEventConsumers(ConfigTopicReader config, Dispatcher dispatcher, TopicProperties topics,
                         ConsumerProperties properties, KafkaProperties kafka, MeterRegistry meters, JsonMapper json,
                         KafkaTemplate<String, byte[]> producer, Clock clock) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.topics = topics;
        this.properties = properties;
        this.kafka = kafka;
        this.meters = meters;
        this.reader = new RecordReader(json);
        this.malformed = new MalformedRecords(producer, topics.malformedTopic(), clock);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.consumers(); i++) {
            String instance = properties.instanceId().isBlank() ? "" : properties.instanceId() + "-" + i;
            var consumer = new DomainEventConsumer(kafka.buildConsumerProperties(), List.of(topics.eventsTopic(), topics.platformTopic()),
                    topics.prefix() + properties.groupId(), instance, dispatcher, properties, reader, malformed);
            new KafkaClientMetrics(consumer.kafkaConsumer()).bindTo(meters);
            consumers.add(consumer);
            Thread thread = new Thread(() -> awaitConfigThenRun(consumer), "domain-events-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void awaitConfigThenRun(DomainEventConsumer consumer) {
        try {
            while (running && !config.awaitCaughtUp(Duration.ofSeconds(10))) {
                log.info("waiting for the configuration index before consuming domain events");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (running) {
            consumer.run();
        } else {
            consumer.kafkaConsumer().close(Duration.ofSeconds(1));
        }
    }

    @Override
    public void stop() {
        running = false;
        consumers.forEach(DomainEventConsumer::stop);
        for (Thread t : threads) {
            try {
                t.join(properties.shutdownGrace().toMillis() + 15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumers.clear();
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
