package dev.atsrelay.ingest.kafka;

import dev.atsrelay.ingest.ingestion.EventLog;
import dev.atsrelay.ingest.validation.EventValidator.Accepted;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * The canonical topic as the event log: structured CloudEvents JSON as the value, the catalogue's key, and
 * {@code ce_id}, {@code ce_type}, {@code ce_tenantid} headers so consumers route without parsing. An append completes
 * when every in-sync replica has the record ({@code acks=all}, idempotent producer). Each record carries the W3C
 * {@code traceparent} of the request that posted it (docs/architecture.md, "Tracing and logs").
 */
@Component
class KafkaEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventLog.class);
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();
    private static final Header CONTENT_TYPE = new RecordHeader("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Timer produceLatency;
    private final Tracer tracer;
    private final Propagator propagator;

    KafkaEventLog(KafkaTemplate<String, byte[]> kafka, TopicProperties topics, MeterRegistry meters,
                  ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.kafka = kafka;
        this.topic = topics.eventsTopic();
        // tracing switched off (management.tracing.enabled=false): records go without a traceparent
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        this.produceLatency = Timer.builder("atsrelay.ingest.produce.latency")
                .description("From handing an event to the producer until Kafka acknowledged it (acks=all)")
                .publishPercentileHistogram().register(meters);
    }

    @Override
    public Mono<List<Boolean>> append(List<Accepted> events) {
        if (events.isEmpty()) {
            return Mono.just(List.of());
        }
        // send() may block while the producer waits for metadata or buffer space: never on an event-loop thread
        return Mono.deferContextual(context -> Mono.fromCallable(() -> send(events, context)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                                .handle((ok, error) -> futures))
                        .map(done -> done.stream().map(f -> !f.isCompletedExceptionally()).toList()));
    }

    /**
     * Sends with the caller's trace current on this thread: the HTTP request's observation travels in the Reactor
     * context, restored here only (cheaper than restoring ThreadLocals in every operator of the service).
     */
    private List<CompletableFuture<?>> send(List<Accepted> events, ContextView context) {
        try (var scope = SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY)) {
            log.debug("appending {} event(s) to {}, the first {}", events.size(), topic, events.get(0).id());
            // the request's traceparent, the same on each of its records: written once
            TraceContext trace = tracer.currentTraceContext().context();
            Headers traceHeaders = new RecordHeaders();
            if (trace != null) {
                propagator.inject(trace, traceHeaders, KafkaEventLog::header);
            }
            return events.stream().<CompletableFuture<?>>map(event -> send(event, traceHeaders)).toList();
        }
    }

    private CompletableFuture<?> send(Accepted event, Headers traceHeaders) {
        long started = System.nanoTime();
        try {
            return kafka.send(record(event, traceHeaders)).whenComplete((ok, error) -> {
                if (error == null) {
                    produceLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            });
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms: the broker is unreachable
            return CompletableFuture.failedFuture(e);
        }
    }

    private ProducerRecord<String, byte[]> record(Accepted event, Headers traceHeaders) {
        var record = new ProducerRecord<>(topic, event.key(), event.canonical());
        record.headers().add(new RecordHeader("ce_id", event.id().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", event.type().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_tenantid", event.tenant().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(CONTENT_TYPE);
        for (Header header : traceHeaders) {
            record.headers().add(header);
        }
        return record;
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
