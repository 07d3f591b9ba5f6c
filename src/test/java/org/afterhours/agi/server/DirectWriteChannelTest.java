package org.afterhours.agi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A call's thread writes its lines straight to the socket; lines too big for the socket still arrive whole, in order. */
class DirectWriteChannelTest {

    @Test
    void a_line_the_socket_cannot_take_at_once_is_finished_by_netty_and_the_next_line_comes_after_it() throws Exception {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap().group(loops).channel(DirectWriteServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            accepted.complete(ctx.channel());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            try (Socket peer = new Socket()) {
                peer.connect(new InetSocketAddress("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort()));
                DirectWriteChannel channel = assertInstanceOf(DirectWriteChannel.class,
                        accepted.get(10, TimeUnit.SECONDS));
                String big = "x".repeat(8 << 20) + "\n"; // far more than a socket buffer: the peer is not reading yet
                Thread writer = Thread.ofVirtual().start(() -> {
                    channel.writeLine(big);
                    channel.writeLine("next line\n");
                });
                writer.join(10_000);
                byte[] expected = (big + "next line\n").getBytes(StandardCharsets.UTF_8);
                byte[] received = new byte[expected.length];
                InputStream in = peer.getInputStream();
                int read = 0;
                while (read < expected.length) {
                    int n = in.read(received, read, expected.length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                assertEquals(expected.length, read);
                assertEquals("next line\n", new String(received, expected.length - 10, 10, StandardCharsets.UTF_8));
                assertEquals(big.substring(0, 100), new String(received, 0, 100, StandardCharsets.UTF_8));
            } finally {
                server.close().sync();
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
