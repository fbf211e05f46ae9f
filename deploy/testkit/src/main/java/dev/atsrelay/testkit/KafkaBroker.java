package dev.atsrelay.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker per JVM: the broker named by {@code KAFKA_BOOTSTRAP_SERVERS}, or else the in-JVM KRaft
 * broker of spring-kafka-test, started on first use and stopped when the JVM exits. It listens on loopback only.
 */
public final class KafkaBroker {

    private static String bootstrapServers;

    private KafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            bootstrapServers = external != null && !external.isBlank() ? external : startEmbedded();
        }
        return bootstrapServers;
    }

    private static String startEmbedded() {
        var broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
        return broker.getBrokersAsString();
    }
}
