package dev.atsrelay.bench;

import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An endpoint that hangs: a server on 127.0.0.1 that accepts connections and reads requests but never answers —
 * until {@link #release()}, after which every held and every later request is answered 204 (so that the dispatcher's
 * retries of it end and do not load the phases that follow).
 */
final class HangingEndpoint implements AutoCloseable {

    private final Sinks.Empty<Void> released = Sinks.empty();
    private final AtomicLong requests = new AtomicLong();
    private final DisposableServer server;

    HangingEndpoint() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().then()
                        .doOnSuccess(done -> requests.incrementAndGet())
                        .then(released.asMono())
                        .then(response.status(204).send().then()))
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/hang";
    }

    long requests() {
        return requests.get();
    }

    void release() {
        released.tryEmitEmpty();
    }

    @Override
    public void close() {
        release();
        server.disposeNow();
    }
}
