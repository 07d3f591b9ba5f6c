package org.afterhours.agi.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.handler.ipfilter.RuleBasedIpFilter;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener. Netty's event loops do socket I/O and line framing only; each admitted call runs its script
 * on a virtual thread of its own, so thousands of calls waiting on callers hold no platform thread.
 */
public final class AgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgiServer.class);

    private final AgiServerSettings settings;
    private final AgiScriptRouter router;
    private final SessionListener listener;
    private final Clock clock;
    private final CallAdmission admission;
    private final ChannelGroup connections = new DefaultChannelGroup("agi", GlobalEventExecutor.INSTANCE);
    private final ThreadFactory callThreads = Thread.ofVirtual().name("agi-call-", 0).factory();
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listening;

    public AgiServer(AgiServerSettings settings, AgiScriptRouter router, SessionListener listener, Clock clock) {
        this.settings = settings;
        this.router = router;
        this.listener = listener;
        this.clock = clock;
        this.admission = new CallAdmission(settings.maxConcurrentCalls());
    }

    public AgiServer start() throws InterruptedException {
        RuleBasedIpFilter clientFilter = clientFilter();
        acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(DirectWriteServerChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast("clients", clientFilter)
                                .addLast("lines", new LineBasedFrameDecoder(settings.maxLineLength(), true, true))
                                .addLast("decode", new StringDecoder(StandardCharsets.UTF_8))
                                .addLast("encode", new StringEncoder(StandardCharsets.UTF_8))
                                .addLast("agi", new AgiConnectionHandler(settings, router, listener, admission,
                                        callThreads, clock));
                    }
                });
        listening = bootstrap.bind(settings.bindAddress(), settings.port()).sync().channel();
        log.info("FastAGI server listening on {}:{}, clients allowed from {}, at most {} concurrent calls",
                settings.bindAddress(), port(), settings.allowedClients(), settings.maxConcurrentCalls());
        return this;
    }

    /** The bound port (useful when the settings asked for any free port). */
    public int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    public int activeCalls() {
        return admission.active();
    }

    /**
     * Stops accepting connections, lets live calls finish for the configured grace period, then ends what is left.
     */
    @Override
    public void close() throws InterruptedException {
        if (listening == null) {
            return;
        }
        listening.close().sync();
        int live = admission.active();
        if (live > 0) {
            log.info("stopping: waiting up to {} for {} live call(s)", settings.shutdownGrace(), live);
        }
        if (!admission.closeAndAwaitIdle(settings.shutdownGrace())) {
            log.warn("stopping: {} call(s) still live after {}; closing them", admission.active(),
                    settings.shutdownGrace());
            for (Channel connection : connections) {
                AgiConnectionHandler handler = connection.pipeline().get(AgiConnectionHandler.class);
                if (handler != null) {
                    handler.shutdown(connection);
                }
            }
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        listening = null;
        log.info("FastAGI server stopped");
    }

    private RuleBasedIpFilter clientFilter() {
        IpSubnetFilterRule[] rules = settings.allowedClients().stream()
                .map(AgiServer::acceptRule)
                .toArray(IpSubnetFilterRule[]::new);
        return new RuleBasedIpFilter(false, rules) {
            @Override
            protected io.netty.channel.ChannelFuture channelRejected(ChannelHandlerContext ctx,
                                                                    InetSocketAddress remote) {
                log.warn("refused AGI connection from {}: not in allowed clients {}",
                        remote.getAddress().getHostAddress(), settings.allowedClients());
                return null;
            }
        };
    }

    /** {@code 10.0.0.0/8}; a bare address means that host alone. */
    static IpSubnetFilterRule acceptRule(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        int bits = slash < 0 ? (address.contains(":") ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1));
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }
}
