package dev.atsrelay.dispatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atsrelay.testkit.WebhookReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The connect-time half of the SSRF guard on its own, without the URL check in front of it: Reactor Netty skips the
 * resolver for a URL that holds a bare IP, so this proves the guard judges the address actually connected to in that
 * case too, and that a refused connect never reaches the socket. Loopback only: a listener on 127.0.0.1 that must
 * accept nothing.
 */
class ConnectGuardTests {

    private static HttpClient client(AddressPolicy policy) {
        return ConnectGuard.guard(HttpClient.create(ConnectionProvider.create("ssrf-test", 4)), policy)
                .disableRetry(true).responseTimeout(Duration.ofSeconds(2));
    }

    private static void accepts(ServerSocket listener, boolean expected) throws IOException {
        listener.setSoTimeout(300);
        try (var connected = listener.accept()) {
            assertThat(expected).as("a connection reached 127.0.0.1").isTrue();
        } catch (SocketTimeoutException nothing) {
            assertThat(expected).as("no connection reached 127.0.0.1").isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:%d/          | 127.0.0.1 is a loopback address",
            "http://[::1]:%d/              | ::1 is a loopback address",
            "http://[::ffff:127.0.0.1]:%d/ | ::ffff:127.0.0.1 is an IPv4-mapped form of 127.0.0.1, a loopback address",
            "http://localhost:%d/          | 127.0.0.1 (localhost) is a loopback address"})
    void refusesTheConnectBeforeAnyPacketIsSent(String url, String reason) throws Exception {
        try (var listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            // ::1 may not even be configured here: the refusal comes before any route is looked up
            URI target = URI.create(url.formatted(listener.getLocalPort()));
            assertThatThrownBy(() -> client(new AddressPolicy(List.of())).get().uri(target).response().block())
                    .isInstanceOf(AddressRefused.class).hasMessage(reason);
            accepts(listener, false);
        }
    }

    @Test
    void letsAnAllowedAddressAndAnAllowedNameThrough() {
        try (var receiver = new WebhookReceiver()) {
            var byAddress = client(new AddressPolicy(List.of("127.0.0.1")));
            assertThat(byAddress.get().uri(URI.create(receiver.url("/a"))).response().block().status().code()).isEqualTo(204);
            var byName = client(new AddressPolicy(List.of("localhost")));
            assertThat(byName.get().uri(URI.create("http://localhost:" + receiver.port() + "/b")).response().block().status().code())
                    .isEqualTo(204);
            assertThatThrownBy(() -> byName.get().uri(URI.create(receiver.url("/c"))).response().block())
                    .as("the name is allowed, not the address").isInstanceOf(AddressRefused.class);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::path).containsExactly("/a", "/b");
        }
    }
}
