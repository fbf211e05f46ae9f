package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.action.Triggers;
import dev.atsrelay.dispatcher.delivery.Dispatcher;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One consumer thread of the domain-event topic. Records are dispatched asynchronously and complete in any order;
 * {@link PartitionOffsets} commits only past records whose deliveries are all done or durably scheduled. A partition
 * with too many records in flight is paused, not the whole consumer. See docs/adr/0002-dispatcher-consumer.md.
 */
final class DomainEventConsumer implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(DomainEventConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Dispatcher dispatcher;
    private final Triggers triggers;
    private final ConsumerProperties properties;
    private final Map<TopicPartition, PartitionOffsets> offsets = new ConcurrentHashMap<>();
    private final Set<TopicPartition> paused = new java.util.HashSet<>();
    private boolean saturated;
    private final ReadAgainRanges readAgain;
    private static final int UNCOMMITTED_FACTOR = 16;
    private final RecordReader reader;
    private final RecordTracing tracing;
    private final MalformedRecords malformed;
    private volatile boolean running = true;

    DomainEventConsumer(Map<String, Object> kafkaConfig, List<String> topics, String groupId, String instanceId,
                        Dispatcher dispatcher, Triggers triggers, ConsumerProperties properties, RecordReader reader,
                        RecordTracing tracing, MalformedRecords malformed) {
        this.triggers = triggers;
        this.reader = reader;
        this.tracing = tracing;
        this.malformed = malformed;
        Properties p = new Properties();
        p.putAll(kafkaConfig);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis());
        if (!instanceId.isBlank()) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.dispatcher = dispatcher;
        this.properties = properties;
        // twice the uncommitted window a consumer may run ahead of its commits
        this.readAgain = new ReadAgainRanges(2L * properties.maxInFlightPerPartition() * UNCOMMITTED_FACTOR);
    }

    KafkaConsumer<String, byte[]> kafkaConsumer() {
        return consumer;
    }

    /** Consumes until stopped (false) or until an unexpected error stops it (true: the caller starts a new one). */
    boolean run() {
        boolean crashed = false;
        try {
            consumer.subscribe(topics, this);
            long committedAt = System.nanoTime();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                for (TopicPartition tp : records.partitions()) {
                    dispatch(tp, records.records(tp));
                }
                pauseOrResume();
                // not after every poll: at a low rate a poll returns a record or two, and each commit is a write to the
                // broker's offsets topic
                if (System.nanoTime() - committedAt >= properties.commitInterval().toNanos()) {
                    commitProgress();
                    committedAt = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            crashed = running;
            log.error("domain-event consumer failed; a new one takes over", e);
        } finally {
            drain(offsets.keySet());
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((tp, o) -> o.lastCommit().ifPresent(c -> commits.put(tp, c)));
            commit(commits, true);
            // a graceful stop leaves the group so the others take over at once; a crash does not, and a restart under
            // the same static instance id gets its partitions back without a rebalance
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)).withGroupMembershipOperation(properties.leaveGroupOnShutdown()
                    ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP : CloseOptions.GroupMembershipOperation.DEFAULT));
        }
        return crashed;
    }

    /**
     * Dispatches a partition's polled records while it, and this instance, have room: the caps on records and on
     * deliveries in flight are exact. Past them, the rest are fetched again once the partition resumes (a backlog
     * waits in Kafka, not in memory or the database).
     */
    private void dispatch(TopicPartition tp, List<ConsumerRecord<String, byte[]>> records) {
        PartitionOffsets partition = offsets.computeIfAbsent(tp, k -> new PartitionOffsets());
        for (ConsumerRecord<String, byte[]> r : records) {
            if (full(partition) || dispatcher.deliveriesInFlight() >= properties.maxDeliveriesInFlight()) {
                consumer.seek(tp, r.offset());
                if (paused.add(tp)) {
                    consumer.pause(List.of(tp));
                }
                return;
            }
            dispatch(r, partition, readAgain.contains(tp, r.offset()));
        }
    }

    /**
     * Dispatches one record in a span of the trace its {@code traceparent} header names: the log lines of this thread
     * carry its trace id, and its webhooks a {@code traceparent} of the span. The span ends with the dispatch.
     */
    private void dispatch(ConsumerRecord<String, byte[]> r, PartitionOffsets partition, boolean maybeDispatched) {
        partition.started(r.offset());
        Span span = tracing.start(r);
        try (var scope = tracing.inScope(span)) {
            RecordReader.Read read = reader.read(r, tracing.traceparent(span));
            if (read.event() != null) {
                log.debug("dispatching {} ({}) from {}-{}@{}", read.event().id(), read.event().type(), r.topic(),
                        r.partition(), r.offset());
            }
            // both are called now, in partition order: a stage event's triggers may depend on its job's job.created
            Mono<Void> work = read.event() != null
                    ? Mono.when(dispatcher.dispatch(read.event(), maybeDispatched), triggers.fire(read.event()))
                    : malformed.deadLetter(r, read.problem());
            work.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                            .filter(e -> running)
                            .doBeforeRetry(s -> log.warn("dispatch of {}-{}@{} failed ({}); retrying", r.topic(), r.partition(),
                                    r.offset(), s.failure().toString())))
                    .doFinally(signal -> span.end())
                    .subscribe(done -> { }, error -> log.warn("dispatch of {}-{}@{} abandoned at shutdown; it will be "
                            + "redelivered", r.topic(), r.partition(), r.offset()), () -> partition.completed(r.offset()));
        }
    }

    /**
     * A partition is full with {@code max-in-flight-per-partition} records being dispatched, or with 16 times that past
     * its commit point (records completed behind one that is not: a slow record must not stop the others, but the
     * offsets kept for it stay bounded).
     */
    private boolean full(PartitionOffsets o) {
        int max = properties.maxInFlightPerPartition();
        return o.inFlight() >= max || o.uncommitted() >= max * UNCOMMITTED_FACTOR;
    }

    /**
     * Pauses a partition with too many records in flight, and every partition while this instance has too many
     * deliveries in flight (a record fans out to one per matching endpoint); resumes each at half.
     */
    private void pauseOrResume() {
        int max = properties.maxInFlightPerPartition();
        int deliveries = dispatcher.deliveriesInFlight();
        if (deliveries >= properties.maxDeliveriesInFlight()) {
            saturated = true;
        } else if (deliveries <= properties.maxDeliveriesInFlight() / 2) {
            saturated = false;
        }
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            PartitionOffsets o = offsets.get(tp);
            if ((saturated || o != null && full(o)) && paused.add(tp)) {
                pause.add(tp);
            } else if (!saturated && (o == null || o.inFlight() <= max / 2 && o.uncommitted() <= max * UNCOMMITTED_FACTOR / 2)
                    && paused.remove(tp)) {
                resume.add(tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void commitProgress() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, o) -> o.advance().ifPresent(offset -> commits.put(tp, new OffsetAndMetadata(offset))));
        commit(commits, false);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> commits, boolean sync) {
        if (commits.isEmpty()) {
            return;
        }
        try {
            if (sync) {
                consumer.commitSync(commits, Duration.ofSeconds(10));
            } else {
                consumer.commitAsync(commits, (done, error) -> {
                    if (error != null) {
                        log.warn("offset commit failed (a later commit covers it): {}", error.toString());
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("offset commit failed: {}", e.toString());
        }
    }

    /** Waits (bounded) for the partitions' in-flight records, so that a handover redelivers as little as possible. */
    private void drain(Collection<TopicPartition> partitions) {
        Instant deadline = Instant.now().plus(properties.shutdownGrace());
        while (Instant.now().isBefore(deadline)
                && partitions.stream().map(offsets::get).anyMatch(o -> o != null && o.inFlight() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        drain(partitions);
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionOffsets o = offsets.remove(tp);
            paused.remove(tp);
            readAgain.forget(tp);
            if (o != null) {
                o.lastCommit().ifPresent(c -> commits.put(tp, c));
            }
        }
        commit(commits, true);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> offsets.put(tp, new PartitionOffsets()));
        readAgain.assigned(consumer, partitions);
        if (!partitions.isEmpty()) {
            try {
                dispatcher.partitionsAssigned();
            } catch (RuntimeException e) {
                log.warn("cannot read the FIFO lanes' retry rows ({}); ordered messages may overtake them until the "
                        + "next refresh", e.toString());
            }
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            offsets.remove(tp);
            paused.remove(tp);
            readAgain.forget(tp);
        });
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
