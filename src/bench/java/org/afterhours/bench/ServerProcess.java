package org.afterhours.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server under test in its own JVM ({@link ServerMain}), and the runner's end of its control channel. */
final class ServerProcess implements AutoCloseable {
    private final ServerKind kind;
    private final Process process;
    private final int agiPort;
    private final int controlPort;

    private ServerProcess(ServerKind kind, Process process, int agiPort, int controlPort) {
        this.kind = kind;
        this.process = process;
        this.agiPort = agiPort;
        this.controlPort = controlPort;
    }

    /**
     * @param jvmOptions heap cap, GC, JFR: the same for every server but JFR's file name
     * @param log        where the child's stdout and stderr go
     */
    static ServerProcess launch(ServerKind kind, List<String> jvmOptions, Path log) throws IOException,
            InterruptedException {
        int agiPort = freePort();
        int controlPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), kind.id,
                Integer.toString(agiPort), Integer.toString(controlPort)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AFTERHOURS_LOG_LEVEL", "WARN");
        ServerProcess server = new ServerProcess(kind, builder.start(), agiPort, controlPort);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    int agiPort() {
        return agiPort;
    }

    long pid() {
        return process.pid();
    }

    ServerKind kind() {
        return kind;
    }

    /** Heap and threads as they are. */
    ServerStats stats() throws IOException {
        return ServerStats.parse(ask("stats"));
    }

    /** Heap after full collections (the live set), and threads. */
    ServerStats statsAfterGc() throws IOException {
        return ServerStats.parse(ask("gc-stats"));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            ask("stop");
        } catch (IOException e) {
            // already gone: the wait below says so
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(kind.id + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                stats();
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException(kind.id + " was not ready within " + limit, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private String ask(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (answer == null) {
                throw new IOException("no answer from " + kind.id + " to " + request);
            }
            return answer;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
