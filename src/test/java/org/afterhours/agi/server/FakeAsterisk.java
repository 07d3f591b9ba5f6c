package org.afterhours.agi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.afterhours.simulator.AgiEnvironmentBlock;
import org.afterhours.simulator.SimulatedCall;

/**
 * Asterisk's end of one FastAGI connection, driven line by line by a test: it sends what res_agi sends and lets the
 * test answer each command with the exact reply strings recorded from Asterisk 22.
 */
final class FakeAsterisk implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private FakeAsterisk(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static FakeAsterisk connect(int port) {
        try {
            return new FakeAsterisk(new Socket("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and sends the environment block for {@code call}, as res_agi does on connect. */
    static FakeAsterisk call(int port, SimulatedCall call) {
        FakeAsterisk asterisk = connect(port);
        List<String> environment = AgiEnvironmentBlock.lines(call, "127.0.0.1", port, "1795315065.6", 1);
        asterisk.send(environment.toArray(String[]::new));
        return asterisk;
    }

    FakeAsterisk send(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return sendRaw(text.toString());
    }

    FakeAsterisk sendRaw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next command line the server sent. */
    String nextCommand() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new AssertionError("the server closed the connection instead of sending a command");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the server's next command, then answers it with {@code reply} lines. */
    FakeAsterisk expect(String command, String... reply) {
        assertEquals(command, nextCommand());
        return send(reply);
    }

    /** True when the server closed the connection (reading ends) within the socket timeout. */
    boolean closedByServer() {
        try {
            return in.readLine() == null;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After the caller hung up: answers whatever the server still sends as res_agi does on a dead channel (511)
     * until the server closes the connection.
     *
     * @return how many commands the server sent after the hang-up
     */
    int answerAsDeadChannelUntilClosed() {
        int commands = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                commands++;
                send(line.startsWith("NOOP") ? "200 result=0"
                        : "511 Command Not Permitted on a dead channel or intercept routine");
            }
        } catch (SocketException reset) {
            return commands;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commands;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
