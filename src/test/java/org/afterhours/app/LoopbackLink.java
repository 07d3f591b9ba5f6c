package org.afterhours.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The network between one server node and Asterisk, as a TCP relay on 127.0.0.1: whatever connects to
 * {@link #port()} is joined to the target port. {@link #cut()} is that node dying, as Asterisk sees it: every
 * connection through the link closes at once and new ones are refused, with nothing more said by the node.
 */
final class LoopbackLink implements AutoCloseable {
    private final ServerSocket listener;
    private final IntSupplier target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    /** @param target the port to join, asked at each connection (a node's port is known once it has started) */
    LoopbackLink(IntSupplier target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("link-" + listener.getLocalPort()).start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    void cut() {
        cut = true;
        closeQuietly(listener);
        sockets.forEach(LoopbackLink::closeQuietly);
    }

    @Override
    public void close() {
        cut();
    }

    private void accept() {
        while (!cut) {
            try {
                Socket near = listener.accept();
                Socket far = new Socket(InetAddress.getLoopbackAddress(), target.getAsInt());
                sockets.add(near);
                sockets.add(far);
                if (cut) {
                    cut();
                    return;
                }
                Thread.ofVirtual().start(() -> pump(near, far));
                Thread.ofVirtual().start(() -> pump(far, near));
            } catch (IOException e) {
                return; // cut, or the target refused: the connecting side sees its socket closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
