package dev.atsrelay.bench;

import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The benchmark's webhook receiver on 127.0.0.1 (Reactor Netty, keep-alive, its own event loops). Paths:
 * <ul>
 *   <li>{@code /r/<run>/<endpoint>}: our deliveries. Every request's Standard Webhooks signature is verified with
 *       the official library and the run's secret; the id counted is {@code webhook-id}.</li>
 *   <li>{@code /camel}: the peer's posts, unsigned. The id counted is the event's {@code id} (the body's first
 *       {@code "id"}); its run is {@code camel-<tag>}, the tag being the middle part of {@code evt_<tag>_<n>}.</li>
 *   <li>{@code /raw}: the raw HTTP client; counted under run {@code raw}, by a request counter as id.</li>
 * </ul>
 * Answers 204, or 503 where the run injects faults, or 400 for a bad signature (counted: a run with one fails).
 */
final class SignatureCheckingSink implements AutoCloseable {

    private final Map<String, SinkRun> runs = new ConcurrentHashMap<>();
    private final LoopResources loops = LoopResources.create("sink", 2, true);
    private final DisposableServer server;
    private final java.util.concurrent.atomic.AtomicLong rawIds = new java.util.concurrent.atomic.AtomicLong();

    SignatureCheckingSink() {
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> response.status(receive(request.path(), request.requestHeaders(), body))
                                .send().then()))
                .bindNow();
    }

    /** Registers a run; {@code secret} null for unsigned senders. */
    SinkRun run(String name, String secret, double failFirst, boolean latency) {
        SinkRun run = new SinkRun(name, secret, failFirst, latency);
        if (runs.putIfAbsent(name, run) != null) {
            throw new IllegalArgumentException("run " + name + " exists");
        }
        return run;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Where our endpoint {@code endpoint} of run {@code run} receives. */
    String endpointUrl(String run, int endpoint) {
        return url("/r/" + run + "/" + endpoint);
    }

    private int receive(String path, HttpHeaders headers, byte[] body) {
        if (path.startsWith("r/")) {
            SinkRun run = runs.get(path.substring(2, path.indexOf('/', 2)));
            String id = headers.get("webhook-id");
            if (run == null || id == null) {
                return 404;
            }
            if (!verified(run, id, headers, body)) {
                run.badSignatures.incrementAndGet();
                return 400;
            }
            return run.arrived(id, body);
        }
        if (path.equals("camel")) {
            String id = eventId(body);
            SinkRun run = runs.get("camel-" + id.substring(4, id.lastIndexOf('_')));
            return run == null ? 404 : run.arrived(id, body);
        }
        SinkRun raw = runs.get("raw");
        return raw == null ? 404 : raw.arrived(Long.toString(rawIds.incrementAndGet()), body);
    }

    private static boolean verified(SinkRun run, String id, HttpHeaders headers, byte[] body) {
        try {
            run.verifier.verify(new String(body, StandardCharsets.UTF_8), Map.of("webhook-id", List.of(id),
                    "webhook-timestamp", List.of(String.valueOf(headers.get("webhook-timestamp"))),
                    "webhook-signature", List.of(String.valueOf(headers.get("webhook-signature")))));
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }

    /** The event's id: the first {@code "id"} member of the (compact) CloudEvent, which precedes {@code data}. */
    private static String eventId(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.US_ASCII);
        int start = text.indexOf("\"id\":\"") + 6;
        return text.substring(start, text.indexOf('"', start));
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }
}
