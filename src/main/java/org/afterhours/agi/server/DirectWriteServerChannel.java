package org.afterhours.agi.server;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listening socket, accepting each connection as a {@link DirectWriteChannel}. */
public final class DirectWriteServerChannel extends NioServerSocketChannel {
    private static final Logger log = LoggerFactory.getLogger(DirectWriteServerChannel.class);

    @Override
    protected int doReadMessages(List<Object> accepted) throws Exception {
        SocketChannel socket = javaChannel().accept();
        if (socket == null) {
            return 0;
        }
        try {
            accepted.add(new DirectWriteChannel(this, socket));
            return 1;
        } catch (RuntimeException e) {
            log.warn("could not take an accepted connection: {}", e.getMessage());
            try {
                socket.close();
            } catch (IOException closing) {
                log.warn("could not close that connection: {}", closing.getMessage());
            }
            return 0;
        }
    }
}
