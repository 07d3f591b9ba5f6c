package org.afterhours.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * What the bench's generators share: netty's non-blocking client playing Asterisk, each connection reading the
 * server's command lines (FastAGI is line-based) into a handler of its own, and the way they keep figures.
 */
final class AgiClientLoops implements AutoCloseable {
    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;

    /** @param perConnection a new handler for each connection: one call's Asterisk side */
    AgiClientLoops(int threads, int connectTimeoutMillis, Supplier<ChannelHandler> perConnection) {
        loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
                .group(loops)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(8192),
                                new StringDecoder(StandardCharsets.UTF_8), perConnection.get());
                    }
                });
    }

    Bootstrap bootstrap() {
        return bootstrap;
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records a duration, clamped into the recorder's range (a clock step must not throw on an event loop). */
    static void record(Recorder recorder, long nanos, long highest) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), highest));
    }

    static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    static long[] sums(LongAdder[] adders) {
        long[] c = new long[adders.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = adders[i].sum();
        }
        return c;
    }

    /** {@code now - before}, element by element. */
    static long[] minus(long[] now, long[] before) {
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = now[i] - before[i];
        }
        return delta;
    }
}
