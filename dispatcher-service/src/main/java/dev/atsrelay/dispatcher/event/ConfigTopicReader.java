package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.action.ActionConfig;
import dev.atsrelay.dispatcher.credential.KeyIndex;
import dev.atsrelay.dispatcher.subscription.ConfigChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the whole compacted configuration topic on every start, without a consumer group, and keeps the
 * subscription index and the API-key index current. Domain events are consumed only once it has caught up, so no
 * event is matched against a half-built index.
 */
@Component("configTopic")
class ConfigTopicReader implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ConfigTopicReader.class);

    private final ConfigChanges changes;
    private final ActionConfig actions;
    private final KeyIndex keys;
    private final JsonMapper json;
    private final String topic;
    private final Map<String, Object> consumerConfig;
    private volatile boolean failed;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private final io.micrometer.core.instrument.Timer propagation;
    private final java.time.Clock clock;

    ConfigTopicReader(ConfigChanges changes, ActionConfig actions, KeyIndex keys, JsonMapper json, TopicProperties topics, KafkaProperties kafka,
                      io.micrometer.core.instrument.MeterRegistry meters, java.time.Clock clock) {
        this.propagation = io.micrometer.core.instrument.Timer.builder("atsrelay.dispatcher.config.propagation")
                .description("From a configuration change written in config-service to its arrival in this dispatcher's index")
                .publishPercentileHistogram().register(meters);
        this.clock = clock;
        this.changes = changes;
        this.actions = actions;
        this.keys = keys;
        this.json = json;
        this.topic = topics.configTopic();
        this.consumerConfig = kafka.buildConsumerProperties();
    }

    /** Blocks until the topic has been read up to the end it had at start; false on timeout. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100; // before the domain-event consumers
    }

    @Override
    public void start() {
        Properties p = new Properties();
        p.putAll(consumerConfig); // every client setting (security, SASL, SSL) of spring.kafka.*
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-config-reader");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "config-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    apply(r);
                    timePropagation(r);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    log.info("configuration topic {} read up to its end", topic);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            failed = true;
            log.error("configuration topic reader stopped; the service reports DOWN", e);
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** Only live changes count: the backlog replayed at start says nothing about propagation. */
    private void timePropagation(ConsumerRecord<String, byte[]> r) {
        var header = r.headers().lastHeader("changed-at");
        if (caughtUp.getCount() == 0 && header != null) {
            try {
                long changedAt = Long.parseLong(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                propagation.record(Math.max(0, clock.millis() - changedAt), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (NumberFormatException e) {
                log.debug("unreadable changed-at header on {}", r.key());
            }
        }
    }

    private List<TopicPartition> partitions() {
        while (true) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            log.info("waiting for configuration topic {} to exist", topic);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        String key = r.key() == null ? "" : r.key();
        int colon = key.indexOf(':');
        String kind = colon < 0 ? key : key.substring(0, colon);
        String id = key.substring(colon + 1);
        try {
            switch (kind) {
                case "webhook" -> {
                    if (r.value() == null) {
                        changes.webhookDeleted(id);
                    } else {
                        changes.webhookChanged(json.readValue(r.value(), ConfigChanges.WebhookRecord.class));
                    }
                }
                case "api_key" -> {
                    if (r.value() == null) {
                        keys.remove(id);
                    } else {
                        JsonNode node = json.readTree(r.value());
                        List<String> scopes = new ArrayList<>();
                        node.get("scopes").forEach(s -> scopes.add(s.asString()));
                        keys.put(id, node.get("tenantId").asString(), node.get("hash").asString(), scopes);
                    }
                }
                default -> {
                    if (ActionConfig.handles(kind)) {
                        actions.apply(kind, id, r.value());
                    }
                    // other records (tenants, …) are not needed here
                }
            }
        } catch (RuntimeException e) {
            log.error("skipping unreadable configuration record {} at {}-{}@{}: {}", key, r.topic(), r.partition(),
                    r.offset(), e.toString());
        }
    }

    @Override
    public Health health() {
        if (failed) {
            return Health.down().withDetail("reason", "the configuration topic reader stopped").build();
        }
        return caughtUp.getCount() == 0 ? Health.up().build()
                : Health.outOfService().withDetail("reason", "reading the configuration topic").build();
    }

    @Override
    public void stop() {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }
}
