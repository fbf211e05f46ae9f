package dev.atsrelay.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that records every request it receives and answers as the test tells it to.
 * It stands in for a vendor's or an agency's webhook endpoint.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver saw it; header names are lower-case. */
    public record Received(String method, String path, Map<String, String> headers, String body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** What to answer; a {@code delay} holds the answer back (a slow or hanging endpoint). */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            var copy = new TreeMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, delay);
        }

        public Reply withBody(String text) {
            return new Reply(status, headers, text, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = r -> Reply.status(204);
    private final DisposableServer server;

    public WebhookReceiver() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            Map<String, String> headers = new TreeMap<>();
                            request.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
                            Received r = new Received(request.method().name(), request.uri(), headers, body, Instant.now());
                            received.add(r);
                            Reply reply = responder.apply(r);
                            return Mono.delay(reply.delay()).thenReturn(reply);
                        })
                        .flatMap(reply -> {
                            response.status(reply.status());
                            reply.headers().forEach(response::header);
                            return response.sendString(Mono.just(reply.body())).then();
                        }))
                .bindNow();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public int port() {
        return server.port();
    }

    public WebhookReceiver respond(Function<Received, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits until at least {@code count} requests arrived; fails with what did arrive otherwise. */
    public List<Received> await(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (received.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " webhook(s) within " + timeout + " but got "
                        + received.size() + ": " + received);
            }
            sleep(20);
        }
        return received();
    }

    public void clear() {
        received.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
