package dev.atsrelay.dispatcher.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which records a new owner of a partition looks up before sending, decided on what a real broker holds: the committed
 * offset and its metadata, and the partition's end.
 */
class ReadAgainRangesTests {

    private static final String TOPIC = "read-again-" + UUID.randomUUID();
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @BeforeAll
    static void tenRecords() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KafkaBroker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "v" + i)).get();
            }
        }
    }

    @Test
    void recordsPastAnOrdinaryCommitAreLookedUpUpToThePartitionsEnd() {
        ReadAgainRanges ranges = rangesAfterCommit(new OffsetAndMetadata(4), 100);
        assertThat(ranges.contains(TP, 4)).isTrue();
        assertThat(ranges.contains(TP, 9)).isTrue();
        assertThat(ranges.contains(TP, 10)).as("written after the handover").isFalse();
    }

    @Test
    void atMostTheWindowIsLookedUp() {
        ReadAgainRanges ranges = rangesAfterCommit(new OffsetAndMetadata(4), 3);
        assertThat(ranges.contains(TP, 6)).isTrue();
        assertThat(ranges.contains(TP, 7)).isFalse();
    }

    @Test
    void nothingIsLookedUpAfterACleanHandover() {
        ReadAgainRanges ranges = rangesAfterCommit(new OffsetAndMetadata(4, ReadAgainRanges.CLEAN_HANDOVER), 100);
        assertThat(ranges.contains(TP, 4)).isFalse();
        assertThat(ranges.contains(TP, 9)).isFalse();
    }

    @Test
    void aCleanMarkOnAnotherOffsetThanTheOneReadFromCountsForNothing() {
        // e.g. an operator moved the group's offset afterwards, keeping the metadata
        String group = "g-" + UUID.randomUUID();
        commit(group, new OffsetAndMetadata(4, ReadAgainRanges.CLEAN_HANDOVER));
        try (var consumer = consumer(group)) {
            consumer.assign(List.of(TP));
            consumer.seek(TP, 2);
            var ranges = new ReadAgainRanges(100);
            ranges.assigned(consumer, List.of(TP));
            assertThat(ranges.contains(TP, 2)).isTrue();
        }
    }

    private static ReadAgainRanges rangesAfterCommit(OffsetAndMetadata commit, long window) {
        String group = "g-" + UUID.randomUUID();
        commit(group, commit);
        try (var consumer = consumer(group)) {
            consumer.assign(List.of(TP));
            var ranges = new ReadAgainRanges(window);
            ranges.assigned(consumer, List.of(TP));
            return ranges;
        }
    }

    /** Commits and reads the commit back (a group's first commit can miss while its coordinator is being set up). */
    private static void commit(String group, OffsetAndMetadata commit) {
        try (var consumer = consumer(group)) {
            consumer.assign(List.of(TP));
            for (int tries = 0; !commit.equals(consumer.committed(Set.of(TP)).get(TP)); tries++) {
                assertThat(tries).as("committed").isLessThan(50);
                consumer.commitSync(Map.of(TP, commit));
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
    }
}
