package dev.atsrelay.marketplace.kafka;

import dev.atsrelay.marketplace.platform.RecordRetention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a topic this service writes vendor-session data to keeps records too long on the broker:
 * the topic may have been created earlier, by another service or by hand, with other settings than declared here.
 * Runs after KafkaAdmin created the missing topics and before the web server and the readers start.
 */
@Component
class TopicRetentionCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicRetentionCheck.class);

    private final KafkaAdmin kafkaAdmin;
    private final RecordRetention retention;
    private final List<String> topics;
    private volatile boolean running;

    TopicRetentionCheck(KafkaAdmin kafkaAdmin, RecordRetention retention, TopicProperties properties) {
        this.kafkaAdmin = kafkaAdmin;
        this.retention = retention;
        this.topics = List.of(properties.platformTopic());
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 50;
    }

    @Override
    public void start() {
        retention.set(verify(kafkaAdmin.getConfigurationProperties(), topics));
        running = true;
    }

    /**
     * The longest a record may stay on these topics (retention.ms + segment.ms); throws IllegalStateException naming
     * every topic and setting at fault.
     */
    static Duration verify(Map<String, Object> adminConfig, List<String> topics) {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> described;
        try (Admin admin = Admin.create(adminConfig)) {
            described = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the configuration of the session-carrying topics " + topics
                    + " from Kafka; refusing to start: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics' retention", e);
        }
        List<String> problems = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (var topic : described.entrySet()) {
            Map<String, String> values = topic.getValue().entries().stream()
                    .filter(e -> e.value() != null)
                    .collect(Collectors.toMap(e -> e.name(), e -> e.value()));
            List<String> violations = SessionDataTopics.violations(values);
            violations.forEach(p -> problems.add(topic.getKey().name() + ": " + p));
            if (violations.isEmpty() && SessionDataTopics.kept(values).compareTo(longest) > 0) {
                longest = SessionDataTopics.kept(values);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: a topic that carries vendor-session data would keep it beyond "
                    + "7 days after the session's creation. Fix the topic (kafka-configs --alter --entity-type topics "
                    + "--add-config retention.ms=259200000,segment.ms=3600000) and start again. " + problems);
        }
        log.info("session-carrying topics {} keep records at most {}, under 7 days", topics, longest);
        return longest;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
