package org.afterhours.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays Asterisk's side of one FastAGI call over TCP: connects as res_agi does, sends the environment, answers every
 * command with {@link ResAgiResponder}, and reports the dialogue ({@code >} what the server sent, {@code <} what
 * Asterisk answered, as in the recorded transcripts) until the server closes the connection.
 */
public final class AsteriskSimulator {
    private static final AtomicLong CALLS = new AtomicLong();

    private final String host;
    private final int port;
    private final Duration idleTimeout;

    public AsteriskSimulator(String host, int port, Duration idleTimeout) {
        this.host = host;
        this.port = port;
        this.idleTimeout = idleTimeout;
    }

    /**
     * @param dialogue receives each line of the dialogue as it happens (the environment too, prefixed {@code <})
     */
    public Result play(SimulatedCall call, Consumer<String> dialogue) throws IOException {
        return play(call, new ResAgiResponder(call.keys(), call.hangupAtCommand()), dialogue);
    }

    /** As {@link #play(SimulatedCall, Consumer)}, with an Asterisk set up by the caller (sounds, dial outcome). */
    public Result play(SimulatedCall call, ResAgiResponder asterisk, Consumer<String> dialogue) throws IOException {
        long n = CALLS.incrementAndGet();
        return play(call, asterisk, (System.currentTimeMillis() / 1000) + "." + n, dialogue);
    }

    /** As above, for a channel whose uniqueid is already known (an Originate's ChannelId: {@link FakeAmi}). */
    public Result play(SimulatedCall call, ResAgiResponder asterisk, String uniqueId, Consumer<String> dialogue)
            throws IOException {
        List<String> commands = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) idleTimeout.toMillis());
            socket.setSoTimeout((int) idleTimeout.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder environment = new StringBuilder();
            for (String line : AgiEnvironmentBlock.lines(call, host, port, uniqueId, Thread.currentThread().threadId())) {
                dialogue.accept("< " + line);
                environment.append(line).append('\n');
            }
            out.write(environment.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String command;
            while ((command = readLine(in)) != null) {
                commands.add(command);
                dialogue.accept("> " + command);
                StringBuilder reply = new StringBuilder();
                for (String line : asterisk.reply(command)) {
                    dialogue.accept("< " + line);
                    reply.append(line).append('\n');
                }
                out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return new Result(uniqueId, commands, asterisk.variables(), asterisk.callerHungUp());
    }

    private static String readLine(BufferedReader in) throws IOException {
        try {
            return in.readLine();
        } catch (SocketTimeoutException e) {
            throw new IOException("the server sent nothing for too long", e);
        } catch (java.net.SocketException reset) {
            return null; // the server closed the connection: the call is over
        }
    }

    /**
     * @param uniqueId       the {@code agi_uniqueid} this call sent
     * @param commands       every command line the server sent, in order
     * @param variables      channel variables the server left set
     * @param callerHungUp   whether the caller (or the server's HANGUP) ended the channel
     */
    public record Result(String uniqueId, List<String> commands, Map<String, String> variables, boolean callerHungUp) {
    }
}
