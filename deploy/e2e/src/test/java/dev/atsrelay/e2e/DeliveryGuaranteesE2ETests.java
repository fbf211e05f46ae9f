package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.ConfigTopicFixture;
import dev.atsrelay.testkit.KafkaBroker;
import dev.atsrelay.testkit.Postgres;
import dev.atsrelay.testkit.ServiceProcess;
import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * At-least-once, shown with dispatchers as real processes: one is killed with SIGKILL in the middle of 20,000
 * deliveries and restarted; a second joins under load and stops; a group's commits are lost. Nothing is lost, every
 * duplicate carries the same webhook-id, only what was in flight is sent twice, and the attempt log agrees with what
 * the receiver saw.
 */
class DeliveryGuaranteesE2ETests {

    private static final int PARTITIONS = 12;
    /** Requests to one endpoint that may be in flight at once (the per-endpoint concurrency cap is 64; room for more). */
    private static final int IN_FLIGHT_BOUND = 1_000;

    /** A dispatcher of its own: database, Kafka prefix, consumer group, and a webhook on a receiver. */
    private static final class Setup {
        final String prefix = "g" + UUID.randomUUID().toString().substring(0, 8) + ".";
        final Postgres.Database db = Postgres.newDatabase("guarantees");
        final ConfigTopicFixture config = new ConfigTopicFixture(prefix);
        final String tenant = ConfigTopicFixture.newTenantId();
        final String adminKey = config.publishKey(tenant, "admin");
        final String endpoint = ConfigTopicFixture.newWebhookId();

        Setup(WebhookReceiver receiver) {
            config.publishWebhook(endpoint, tenant, 1, receiver.url("/hook"), ConfigTopicFixture.newSecret(), true, "job.updated");
        }

        ServiceProcess dispatcher(String instanceId) {
            return dispatcher(instanceId, Map.of());
        }

        ServiceProcess dispatcher(String instanceId, Map<String, String> settings) {
            Map<String, String> p = new HashMap<>();
            p.put("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
            p.put("atsrelay.kafka.prefix", prefix);
            p.put("atsrelay.kafka.events.partitions", Integer.toString(PARTITIONS));
            p.put("atsrelay.dispatcher.consumer.instance-id", instanceId);
            p.put("atsrelay.dispatcher.ssrf.allow", "127.0.0.1"); // the receiver is on loopback
            p.put("spring.r2dbc.url", db.r2dbcUrl());
            p.put("spring.r2dbc.username", db.username());
            p.put("spring.r2dbc.password", db.password());
            p.put("spring.flyway.url", db.jdbcUrl());
            p.put("spring.flyway.user", db.username());
            p.put("spring.flyway.password", db.password());
            p.putAll(settings);
            return new ServiceProcess("dispatcher-service", p, Map.of("ATSRELAY_SECRETS_KEY", ConfigTopicFixture.SECRETS_KEY,
                    "ATSRELAY_INTERNAL_TOKEN", "e2e-internal-token-0123456789abcdef"));
        }

        /** Waits until the dispatchers' consumer group has this many members, each with partitions. */
        void awaitMembers(int count) throws Exception {
            try (Admin admin = admin()) {
                Instant deadline = Instant.now().plusSeconds(60);
                while (true) {
                    var group = admin.describeConsumerGroups(List.of(prefix + "dispatcher")).all().get().get(prefix + "dispatcher");
                    if (group.members().size() == count
                            && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                        return;
                    }
                    assertThat(Instant.now()).as("%d dispatchers in the group, each with partitions", count).isBefore(deadline);
                    ServiceProcess.sleep(100);
                }
            }
        }

        /** Sets the dispatchers' committed offsets back to the start of every partition (no member may be running). */
        void rewindGroup() throws Exception {
            try (Admin admin = admin()) {
                var partitions = admin.describeTopics(List.of(prefix + "ats.events.v1")).allTopicNames().get()
                        .get(prefix + "ats.events.v1").partitions().stream()
                        .map(p -> new TopicPartition(prefix + "ats.events.v1", p.partition())).toList();
                Instant deadline = Instant.now().plusSeconds(30);
                while (true) {
                    try {
                        admin.alterConsumerGroupOffsets(prefix + "dispatcher", partitions.stream()
                                .collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(0)))).all().get();
                        return;
                    } catch (ExecutionException e) {
                        // the stopped member may not have left yet
                        assertThat(Instant.now()).as("the group empty to rewind it: " + e.getCause()).isBefore(deadline);
                        ServiceProcess.sleep(500);
                    }
                }
            }
        }

        /** Waits until the dispatchers' committed offsets reach the end of every partition. */
        void awaitCaughtUp() throws Exception {
            try (Admin admin = admin()) {
                Instant deadline = Instant.now().plusSeconds(60);
                while (true) {
                    var committed = admin.listConsumerGroupOffsets(prefix + "dispatcher").partitionsToOffsetAndMetadata().get();
                    var ends = admin.listOffsets(committed.keySet().stream()
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
                    if (!committed.isEmpty() && committed.entrySet().stream().filter(e -> e.getKey().topic().endsWith("ats.events.v1"))
                            .allMatch(e -> e.getValue() != null && e.getValue().offset() >= ends.get(e.getKey()).offset())) {
                        return;
                    }
                    assertThat(Instant.now()).as("the dispatcher caught up").isBefore(deadline);
                    ServiceProcess.sleep(200);
                }
            }
        }

        private Admin admin() {
            return Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()));
        }

        void awaitEndpoint(ServiceProcess dispatcher) {
            WalkingSkeletonE2ETests.awaitStatus(() -> Http.get(dispatcher.url("/v1/endpoints/" + endpoint), adminKey), 200);
        }

        void publish(int count) throws Exception {
            publish(0, count);
        }

        /** Publishes events {@code evt_<first>} … {@code evt_<first + count - 1>}. */
        void publish(int first, int count) throws Exception {
            Properties props = new Properties();
            props.put("bootstrap.servers", KafkaBroker.bootstrapServers());
            props.put("linger.ms", "5");
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                for (int i = first; i < first + count; i++) {
                    String id = "evt_" + i;
                    String job = "J-" + (i % 500);
                    String value = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/ats/jobs\",\"type\":\"job.updated\","
                            + "\"time\":\"2026-11-23T10:00:00Z\",\"tenantid\":\"" + tenant + "\",\"data\":{\"jobId\":\"" + job
                            + "\",\"changes\":[{\"field\":\"title\",\"from\":\"a\",\"to\":\"b\"}],\"updatedBy\":{\"type\":\"user\",\"id\":\"u\"}}}";
                    var record = new ProducerRecord<>(prefix + "ats.events.v1", tenant + ":job:" + job, value);
                    record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
                    record.headers().add(new RecordHeader("ce_type", "job.updated".getBytes(StandardCharsets.UTF_8)));
                    record.headers().add(new RecordHeader("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8)));
                    producer.send(record);
                }
                producer.flush();
            }
        }

        long attemptRows() throws Exception {
            try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM attempt")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitUnique(WebhookReceiver receiver, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (uniqueIds(receiver).size() < count) {
            assertThat(Instant.now()).as("all " + count + " messages delivered; so far " + uniqueIds(receiver).size()).isBefore(deadline);
            ServiceProcess.sleep(200);
        }
    }

    private static Set<String> uniqueIds(WebhookReceiver receiver) {
        return receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    /** Each event went out under exactly one webhook-id, however often it was sent. */
    private static void assertDuplicatesShareTheirId(List<WebhookReceiver.Received> received) {
        Map<String, Set<String>> idsByEvent = new HashMap<>();
        for (var r : received) {
            String event = r.body().substring(r.body().indexOf("\"id\":\"") + 6);
            event = event.substring(0, event.indexOf('"'));
            idsByEvent.computeIfAbsent(event, e -> new HashSet<>()).add(r.header("webhook-id"));
        }
        assertThat(idsByEvent.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }

    @Test
    void aDispatcherKilledMidRunLosesNothingAndResumesQuickly() throws Exception {
        int events = 20_000;
        try (var receiver = new WebhookReceiver()) {
            var setup = new Setup(receiver);
            // a session timeout far above a JVM's start, so that only the static instance id can explain a quick resume
            Map<String, String> slowToForget = Map.of("atsrelay.dispatcher.consumer.session-timeout", "45s");
            ServiceProcess first = setup.dispatcher("crash-test", slowToForget).start();
            first.awaitHealthy(Duration.ofSeconds(120));
            setup.awaitEndpoint(first);
            setup.publish(events);
            Instant deadline = Instant.now().plusSeconds(120);
            while (receiver.received().size() < events / 3) {
                assertThat(Instant.now()).isBefore(deadline);
                ServiceProcess.sleep(20);
            }
            first.kill();
            int beforeRestart = receiver.received().size();
            Instant restart = Instant.now();
            try (ServiceProcess second = setup.dispatcher("crash-test", slowToForget).start()) {
                awaitUnique(receiver, events, Duration.ofSeconds(180));
                var received = receiver.received();
                Instant firstNew = received.stream().map(WebhookReceiver.Received::at).filter(at -> at.isAfter(restart))
                        .min(Instant::compareTo).orElseThrow();
                long duplicates = received.size() - uniqueIds(receiver).size();
                assertDuplicatesShareTheirId(received);
                ServiceProcess.sleep(1000);
                long attemptRows = setup.attemptRows();
                System.out.printf("crash test: events=%d delivered_unique=%d requests=%d duplicates=%d "
                                + "received_before_kill=%d restart_to_first_new_delivery_ms=%d attempt_rows=%d%n",
                        events, uniqueIds(receiver).size(), received.size(), duplicates, beforeRestart,
                        Duration.between(restart, firstNew).toMillis(), attemptRows);
                // records read again whose attempt was logged are not sent again: only the requests in flight at the kill
                assertThat(duplicates).as("duplicates: the requests in flight at the kill")
                        .isLessThanOrEqualTo(IN_FLIGHT_BOUND);
                // well under the 45 s session timeout: the restarted instance took its partitions back by its static
                // instance id instead of waiting for the group to drop the dead member (the JVM's own start takes
                // 5-18 s of this on a busy 2-core machine)
                assertThat(Duration.between(restart, firstNew)).as("deliveries resume after the restart")
                        .isLessThan(Duration.ofSeconds(30));
                // every attempt on record reached the receiver; the requests not on record are those in flight at the
                // instant of the SIGKILL (answered, not yet logged), at most the endpoint's concurrency cap
                assertThat(attemptRows).as("attempt rows against the requests the receiver saw")
                        .isBetween(received.size() - (long) IN_FLIGHT_BOUND, (long) received.size());
            }
        }
    }

    /**
     * Scale out and back in under load: a second dispatcher joins while the first is delivering (a cooperative
     * rebalance moves half the partitions to it), then stops gracefully (they move back). Nothing is lost, and a
     * handover re-sends at most what was in flight: records read again are checked against the attempt log.
     */
    @Test
    void aDispatcherJoiningAndLeavingUnderLoadLosesNothing() throws Exception {
        int events = 6_000;
        // each answer takes 300 ms, so the run lasts long enough (~330 a second) for a second JVM to start and join
        try (var receiver = new WebhookReceiver().respond(r -> WebhookReceiver.Reply.status(204).after(Duration.ofMillis(300)))) {
            var setup = new Setup(receiver);
            ServiceProcess one = setup.dispatcher("rebalance-1").start();
            ServiceProcess two = setup.dispatcher("rebalance-2");
            try (one; two) {
                one.awaitHealthy(Duration.ofSeconds(120));
                setup.awaitEndpoint(one);
                setup.publish(events);
                awaitReceived(receiver, events / 10);
                two.start().awaitHealthy(Duration.ofSeconds(120));
                setup.awaitMembers(2);
                int atJoin = receiver.received().size();
                awaitReceived(receiver, atJoin + events / 10);
                two.close(); // SIGTERM: drains, commits, leaves the group
                int atStop = receiver.received().size();
                awaitUnique(receiver, events, Duration.ofSeconds(180));
                long duplicates = receiver.received().size() - uniqueIds(receiver).size();
                assertDuplicatesShareTheirId(receiver.received());
                System.out.printf("rebalance test: events=%d delivered_unique=%d duplicates=%d received_at_join=%d "
                        + "received_at_stop=%d%n", events, uniqueIds(receiver).size(), duplicates, atJoin, atStop);
                assertThat(duplicates).as("re-sent at the two handovers").isLessThanOrEqualTo(IN_FLIGHT_BOUND);
            }
        }
    }

    /**
     * A handover whose last commit was lost (here: the group's offsets set back to the start while no instance runs,
     * as a refused commit would leave them): the records are read again, and none of their messages is sent again —
     * the previous owner's deliveries are recognised in the attempt log.
     */
    @Test
    void recordsReadAgainAfterALostCommitAreNotSentAgain() throws Exception {
        int events = 2_000;
        try (var receiver = new WebhookReceiver()) {
            var setup = new Setup(receiver);
            ServiceProcess first = setup.dispatcher("reread").start();
            try (first) {
                first.awaitHealthy(Duration.ofSeconds(120));
                setup.awaitEndpoint(first);
                setup.publish(events);
                awaitUnique(receiver, events, Duration.ofSeconds(120));
            }
            setup.rewindGroup();
            ServiceProcess second = setup.dispatcher("reread").start();
            try (second) {
                second.awaitHealthy(Duration.ofSeconds(120));
                setup.awaitCaughtUp();
                double skipped = metric(second, "atsrelay_dispatcher_redeliveries_skipped_total");
                System.out.printf("read-again test: events=%d requests=%d skipped=%.0f%n", events, receiver.received().size(), skipped);
                assertThat(receiver.received()).as("nothing sent again").hasSize(events);
                assertThat(skipped).isEqualTo(events);
                assertThat(metric(second, "atsrelay_dispatcher_redeliveries_checked_total")).isEqualTo(events);
            }
        }
    }

    /**
     * A graceful stop hands its partitions over cleanly: every record it dispatched was done when it committed last,
     * and the commit says so. The next owner sends what was written meanwhile without looking each message up in the
     * attempt log first (a rolling deploy costs no lookups).
     */
    @Test
    void aGracefulStopHandsOverCleanly() throws Exception {
        int events = 1_000;
        try (var receiver = new WebhookReceiver()) {
            var setup = new Setup(receiver);
            try (ServiceProcess first = setup.dispatcher("clean").start()) {
                first.awaitHealthy(Duration.ofSeconds(120));
                setup.awaitEndpoint(first);
                setup.publish(events);
                awaitUnique(receiver, events, Duration.ofSeconds(120));
            } // SIGTERM: drains, commits, leaves the group
            setup.publish(events, events);
            ServiceProcess second = setup.dispatcher("clean").start();
            try (second) {
                second.awaitHealthy(Duration.ofSeconds(120));
                awaitUnique(receiver, 2 * events, Duration.ofSeconds(120));
                setup.awaitCaughtUp();
                assertThat(receiver.received()).as("nothing sent twice").hasSize(2 * events);
                assertThat(metric(second, "atsrelay_dispatcher_redeliveries_checked_total")).as("lookups").isZero();
            }
        }
    }

    private static double metric(ServiceProcess service, String name) {
        String text = Http.get(service.url("/actuator/prometheus"), null).text();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitReceived(WebhookReceiver receiver, int count) {
        Instant deadline = Instant.now().plusSeconds(120);
        while (receiver.received().size() < count) {
            assertThat(Instant.now()).as("%d requests received", count).isBefore(deadline);
            ServiceProcess.sleep(20);
        }
    }
}
