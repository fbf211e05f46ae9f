package dev.atsrelay.bench;

import dev.atsrelay.testkit.ConfigTopicFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToIntFunction;

/**
 * What every phase of the dispatch benchmark uses: the broker, the sink, the dispatcher, the event stream and the
 * peer, plus a warm-up tenant whose events warm the dispatcher's JIT up before the phases and the paced runs.
 */
final class Rig {

    final Path root;
    final String bootstrap;
    final String topic;
    final SignatureCheckingSink sink;
    final DispatcherUnderTest dispatcher;
    final EventStream events;
    final CamelPeer camel;
    final Figures out = new Figures();
    final String secret = ConfigTopicFixture.newSecret();
    private final SinkRun warm;
    private String warmTenant;
    private int warmed;

    Rig(Path root, String bootstrap, SignatureCheckingSink sink, DispatcherUnderTest dispatcher, EventStream events) {
        this.root = root;
        this.bootstrap = bootstrap;
        this.topic = DispatcherUnderTest.PREFIX + "ats.events.v1";
        this.sink = sink;
        this.dispatcher = dispatcher;
        this.events = events;
        this.camel = new CamelPeer(root, bootstrap, topic);
        this.warm = sink.run("warm", secret, 0, false);
    }

    /** Delivers {@code count} events {@code evt_<tag>_<n>} of the warm-up tenant and waits for them. */
    void warmUp(String tag, int count) throws Exception {
        if (warmTenant == null) {
            warmTenant = dispatcher.publish(1, 1, (t, w) -> sink.endpointUrl("warm", 0), (t, w) -> "job.updated", secret)
                    .get(0).id();
        }
        events.produce(tag, count, i -> warmTenant);
        warmed += count;
        awaitWarmUp(tag);
    }

    /** Sends warm-up events at {@code perSecond} for {@code seconds}, as a paced run does, and waits for them. */
    void pacedWarmUp(String tag, int perSecond, int seconds) throws Exception {
        warmed += events.producePaced(tag, perSecond, seconds, i -> warmTenant);
        awaitWarmUp(tag);
    }

    /** Waits until every warm-up event written so far was delivered. */
    private void awaitWarmUp(String tag) throws Exception {
        await(warm, r -> r.delivered.size(), warmed, "warm-up " + tag);
    }

    /** Prints how the dispatcher's delivery counters grew since {@code before}, as {@code <phase>_dispatcher_<counter>=}. */
    void printCounters(String phase, java.util.Map<String, Double> before) throws Exception {
        for (var c : dispatcher.counters().entrySet()) {
            double delta = c.getValue() - before.getOrDefault(c.getKey(), 0.0);
            if (delta > 0) {
                out.print(phase + "_dispatcher_" + c.getKey(), Math.round(delta));
            }
        }
    }

    /** Waits until {@code progress} of {@code run} reaches {@code expected}; fails after a generous deadline. */
    static void await(SinkRun run, ToIntFunction<SinkRun> progress, int expected, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120 + expected / 100));
        while (progress.applyAsInt(run) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + ": " + progress.applyAsInt(run) + " of " + expected + " arrived; "
                        + run.badSignatures.get() + " with a bad signature");
            }
            Thread.sleep(5);
        }
        if (run.badSignatures.get() > 0) {
            throw new IllegalStateException(what + ": " + run.badSignatures.get() + " deliveries had a bad signature");
        }
    }
}
