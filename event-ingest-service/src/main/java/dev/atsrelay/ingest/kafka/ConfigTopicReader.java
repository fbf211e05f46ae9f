package dev.atsrelay.ingest.kafka;

import dev.atsrelay.ingest.credential.KeyIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the whole compacted configuration topic from the beginning, on every start, without a consumer group, and
 * keeps the API-key index current. The service reports ready once it has caught up with the topic's end.
 */
@Component("configTopic")
class ConfigTopicReader implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ConfigTopicReader.class);

    private final KeyIndex keys;
    private final JsonMapper json;
    private final String topic;
    private final Map<String, Object> consumerConfig;
    private volatile boolean failed;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean caughtUp;

    ConfigTopicReader(KeyIndex keys, JsonMapper json, TopicProperties topics, KafkaProperties kafka) {
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
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-config-reader");
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
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("configuration topic {} read up to its end: {} API keys", topic, keys.size());
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
        if (r.key() == null || !r.key().startsWith("api_key:")) {
            return;
        }
        String id = r.key().substring("api_key:".length());
        if (r.value() == null) {
            keys.remove(id);
            return;
        }
        try {
            JsonNode node = json.readTree(r.value());
            List<String> scopes = new ArrayList<>();
            node.get("scopes").forEach(s -> scopes.add(s.asString()));
            keys.put(id, node.get("tenantId").asString(), node.get("hash").asString(), scopes);
        } catch (RuntimeException e) {
            log.error("skipping unreadable configuration record {} at {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset(), e);
        }
    }

    @Override
    public Health health() {
        if (failed) {
            return Health.down().withDetail("reason", "the configuration topic reader stopped").build();
        }
        return caughtUp ? Health.up().withDetail("apiKeys", keys.size()).build()
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
