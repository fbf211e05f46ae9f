package dev.atsrelay.dispatcher.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordTracingTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
    private final RecordTracing tracing = new RecordTracing(tracer,
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void continuesTheTraceOfTheRecordsTraceparentInAChildSpan() {
        for (String flags : new String[] {"01", "00"}) {
            var span = tracing.start(record("00-" + TRACE_ID + "-00f067aa0ba902b7-" + flags));
            try (var scope = tracing.inScope(span)) {
                assertThat(tracer.currentSpan().context().traceId()).isEqualTo(TRACE_ID);
                assertThat(tracing.traceparent(span)).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-" + flags)
                        .doesNotContain("00f067aa0ba902b7");
            } finally {
                span.end();
            }
        }
    }

    @Test
    void startsATraceForARecordWithoutOne() {
        var span = tracing.start(record(null));
        assertThat(tracing.traceparent(span)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(TRACE_ID);
        span.end();
    }

    @Test
    void givesNoTraceparentWithoutATracer() {
        var off = new RecordTracing(Tracer.NOOP, Propagator.NOOP);
        var span = off.start(record("00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        assertThat(off.traceparent(span)).isNull();
        span.end();
    }

    private static ConsumerRecord<String, byte[]> record(String traceparent) {
        var r = new ConsumerRecord<String, byte[]>("ats.events.v1", 0, 7L, "key", "{}".getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            r.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }
}
