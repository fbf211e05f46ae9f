package dev.atsrelay.marketplace.kafka;

import dev.atsrelay.marketplace.credential.TenantKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
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
 * Reads the whole compacted configuration topic on every start, without a consumer group, and keeps the tenants'
 * API keys current (as event-ingest-service and the dispatcher do). Other kinds of records are skipped. The service is
 * out of service until it has caught up, so no admin key is refused for being not read yet.
 */
@Component("configTopic")
class ConfigTopicReader implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ConfigTopicReader.class);

    private final TenantKeys keys;
    private final JsonMapper json;
    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean failed;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    ConfigTopicReader(TenantKeys keys, JsonMapper json, TopicProperties topics, KafkaProperties kafka) {
        this.keys = keys;
        this.json = json;
        this.topic = topics.configTopic();
        this.consumerConfig = kafka.buildConsumerProperties();
    }

    @Override
    public void start() {
        Properties p = new Properties();
        p.putAll(consumerConfig); // every client setting (security, SASL, SSL) of spring.kafka.*
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "marketplace-config-reader");
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
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    log.info("configuration topic {} read up to its end ({} API keys)", topic, keys.size());
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
        if (!key.startsWith("api_key:")) {
            return; // tenants, webhooks, actions, …: not needed here
        }
        String id = key.substring("api_key:".length());
        try {
            if (r.value() == null) {
                keys.remove(id);
                return;
            }
            JsonNode node = json.readTree(r.value());
            List<String> scopes = new ArrayList<>();
            node.get("scopes").forEach(s -> scopes.add(s.asString()));
            keys.put(id, node.get("tenantId").asString(), node.get("hash").asString(), scopes);
        } catch (RuntimeException e) {
            log.error("skipping unreadable configuration record {} at {}-{}@{}: {}", key, r.topic(), r.partition(),
                    r.offset(), e.getClass().getName());
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
