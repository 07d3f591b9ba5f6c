package org.afterhours.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling: a netty server that sends the command lines of {@link CallScript} exactly as afterhours sends them,
 * each the moment the previous reply's line arrives, with no parsing, no thread hand-over and no allocation beyond
 * netty's own. Whatever it reaches is what the loopback and the load generator allow.
 */
final class CeilingServer implements AutoCloseable {
    static final List<String> COMMANDS = List.of(
            "ANSWER",
            "STREAM FILE \"" + CallScript.PROMPT + "\" \"" + CallScript.PROMPT_ESCAPE_DIGITS + "\"",
            "WAIT FOR DIGIT " + CallScript.WAIT_FOR_DIGIT_MILLIS,
            "SAY DIGITS \"" + CallScript.REFERENCE + "\" \"#\"",
            "SET VARIABLE \"" + CallScript.VARIABLE + "\" \"1\"",
            "GET VARIABLE \"" + CallScript.VARIABLE + "\"",
            "STREAM FILE \"" + CallScript.GOODBYE + "\" \"\"",
            "HANGUP",
            "SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"");

    private static final ByteBuf[] LINES = COMMANDS.stream()
            .map(c -> Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(c + "\n", StandardCharsets.US_ASCII)))
            .toArray(ByteBuf[]::new);

    private final AtomicInteger open = new AtomicInteger();
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listening;

    /** The same transport, threads and socket options as {@code AgiServer.start()}: only the handler differs. */
    CeilingServer start(int port) throws InterruptedException {
        acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        listening = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(8192), new Responder());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return this;
    }

    int openConnections() {
        return open.get();
    }

    @Override
    public void close() throws InterruptedException {
        listening.close().sync();
        workers.shutdownGracefully().sync();
        acceptor.shutdownGracefully().sync();
    }

    /** -1 while the environment comes in; then the index of the command whose reply is awaited. */
    private final class Responder extends SimpleChannelInboundHandler<ByteBuf> {
        private int awaiting = -1;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            open.incrementAndGet();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            if (awaiting < 0) {
                if (line.isReadable()) {
                    return; // an environment line
                }
            } else if (!line.isReadable() || line.getByte(line.readerIndex()) == 'H') {
                return; // the bare HANGUP line that comes before a reply on a dead channel
            }
            awaiting++;
            if (awaiting == LINES.length) {
                ctx.close();
            } else {
                ctx.writeAndFlush(LINES[awaiting].duplicate());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
