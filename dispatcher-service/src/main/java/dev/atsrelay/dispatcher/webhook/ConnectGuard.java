package dev.atsrelay.dispatcher.webhook;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import reactor.netty.http.client.HttpClient;

/**
 * The SSRF guard on the socket. Every new connection's {@code connect} passes through here with the address it is
 * about to be made to, after DNS resolution, and also for a URL that holds a bare IP, for which Reactor Netty skips
 * the resolver (so a resolver-only check would let {@code http://169.254.169.254/} through). A refused address fails
 * the connect before a packet is sent: no connection exists, so none can be written to or returned to the pool. When
 * a name resolves to several addresses Reactor Netty tries the next one, each judged here. A pooled keep-alive
 * connection was judged when it was opened.
 */
final class ConnectGuard extends ChannelOutboundHandlerAdapter {

    private final AddressPolicy policy;
    private final String host;

    private ConnectGuard(AddressPolicy policy, String host) {
        this.policy = policy;
        this.host = host;
    }

    /** The client with every channel it opens guarded; {@code host} is the URL's host, for allow-listed names. */
    static HttpClient guard(HttpClient client, AddressPolicy policy) {
        return client.doOnChannelInit((observer, channel, remote) -> channel.pipeline()
                .addFirst("atsrelay.ssrf-guard", new ConnectGuard(policy,
                        remote instanceof InetSocketAddress a ? a.getHostString() : null)));
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        AddressPolicy.Decision decision = remote instanceof InetSocketAddress a && a.getAddress() != null
                ? policy.check(host, a.getAddress())
                : AddressPolicy.Decision.refused("cannot judge the unresolved address " + remote);
        if (decision.allowed()) {
            ctx.connect(remote, local, promise);
        } else {
            promise.setFailure(new AddressRefused(decision.reason()));
        }
    }
}
