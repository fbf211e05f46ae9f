package dev.atsrelay.dispatcher.event;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Continues a domain-event record's trace: the dispatch is a span whose parent is the record's W3C {@code traceparent}
 * header (set by event-ingest-service), or the root of a new trace when the record has none. The consumer is a plain
 * {@code KafkaConsumer} loop, so nothing does this for us. Unsampled traces propagate all the same.
 */
final class RecordTracing {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The started dispatch span of {@code r}; the caller ends it when the record's dispatch completes. */
    Span start(ConsumerRecord<String, byte[]> r) {
        return propagator.extract(r, RecordTracing::header).name("dispatch").kind(Span.Kind.CONSUMER)
                .tag("messaging.destination.name", r.topic()).start();
    }

    /** Makes {@code span} current on this thread (and its ids the log lines' MDC) until closed. */
    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** The {@code traceparent} of {@code span} for outgoing webhooks, or null without a tracer. */
    String traceparent(Span span) {
        String[] value = new String[1];
        propagator.inject(span.context(), value, (carrier, key, v) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = v;
            }
        });
        return value[0];
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
