package org.afterhours.agi.server;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A call's connection that its own thread may write to directly. A command written through netty from the call's
 * virtual thread is a task handed to the event loop, which costs a wake-up of the loop (an eventfd write, its read,
 * an epoll return) per command: on a virtual machine, where every system call is dear, that was a third of the
 * server's kernel time. A FastAGI call writes one short line and then waits for its reply, so the line nearly always
 * fits the socket's buffer and goes out in one write on the calling thread.
 *
 * <p>Order is kept by never mixing the two ways within a call once netty has been used: a line the socket did not
 * take whole is finished by netty, and every later line goes through netty too.
 */
final class DirectWriteChannel extends NioSocketChannel {
    private volatile boolean throughNetty;

    DirectWriteChannel(Channel parent, SocketChannel socket) {
        super(parent, socket);
    }

    /**
     * Writes {@code line} on the calling thread; what the socket did not take (or everything, once netty took over)
     * is written and flushed by netty.
     */
    void writeLine(String line) {
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!throughNetty && isActive()) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                javaChannel().write(buffer); // non-blocking: takes what fits, never waits
            } catch (IOException gone) {
                close(); // the event loop reports the closed connection to the call as usual
                return;
            }
            if (!buffer.hasRemaining()) {
                return;
            }
            throughNetty = true;
            bytes = java.util.Arrays.copyOfRange(bytes, buffer.position(), bytes.length);
        }
        throughNetty = true;
        writeAndFlush(alloc().buffer(bytes.length).writeBytes(bytes));
    }
}
