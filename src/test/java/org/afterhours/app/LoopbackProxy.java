package org.afterhours.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a loopback port to a database on loopback, that a test opens and closes: "the database is
 * down" is this port not listening, without touching the real server.
 */
final class LoopbackProxy implements AutoCloseable {
    private final int port;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    LoopbackProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Starts listening and forwarding: the database is reachable. */
    synchronized void open() throws IOException {
        listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        ServerSocket accepting = listener;
        Thread.ofVirtual().start(() -> {
            while (!accepting.isClosed()) {
                try {
                    Socket client = accepting.accept();
                    Socket server = new Socket(target.getAddress(), target.getPort());
                    sockets.add(client);
                    sockets.add(server);
                    pipe(client, server);
                    pipe(server, client);
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // either side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        });
    }

    @Override
    public synchronized void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }
}
