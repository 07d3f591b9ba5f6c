package org.afterhours.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code afterhours serve} in a JVM of its own, as an operator runs it, so that a test can stop it with SIGTERM or
 * kill it with SIGKILL. Only this process is ever signalled, by its pid.
 */
final class ServerInChildJvm implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int agiPort;

    private ServerInChildJvm(Process process, Path dataDir, Path log, int agiPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.agiPort = agiPort;
    }

    /** Starts {@code serve} with the sample configuration, {@code dataDir} and {@code env}; returns once it serves. */
    static ServerInChildJvm serve(Path dataDir, Map<String, String> env) throws IOException {
        int agiPort = freePort();
        dataDir = Files.createDirectories(dataDir).toAbsolutePath();
        Path log = Files.createTempFile(dataDir, "serve-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                // the product's own logging (INFO), not the tests' quiet one that is also on this class path
                "-Dlogback.configurationFile=" + mainLogbackXml(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AFTERHOURS_DATA_DIR", dataDir.toString());
        builder.environment().put("AFTERHOURS_AGI_PORT", Integer.toString(agiPort));
        // Any free port for the console: 8080 may be taken on the machine (a server someone is trying, anything).
        builder.environment().put("AFTERHOURS_CONSOLE_PORT", "0");
        builder.environment().putAll(env);
        ServerInChildJvm server = new ServerInChildJvm(builder.start(), dataDir, log, agiPort);
        try {
            server.awaitLog("afterhours is serving FastAGI", START_LIMIT);
        } catch (RuntimeException notServing) {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw notServing;
        }
        return server;
    }

    int agiPort() {
        return agiPort;
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the child's log holds {@code text} (or fails when the child exits first). */
    void awaitLog(String text, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
            String written = log();
            if (!process.isAlive() && !written.contains(text)) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + " before logging '"
                        + text + "':\n" + written);
            }
            return written.contains(text);
        });
    }

    /** SIGTERM, as a supervisor stops a service; waits for the process to end and returns its exit code. */
    int stop(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("serve did not stop within " + limit);
        }
        return process.exitValue();
    }

    /** SIGKILL: the JVM dies at once, without its shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Kills the child if it still runs, and then the embedded mariadbd it left behind (a killed JVM's mariadbd
     * lives on): only a mariadbd started on this test's own data folder, found by its pid file.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        Path pidFile = dataDir.resolve("mariadb").resolve("mariadbd.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").endsWith("mariadbd"))
                    .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
                            .contains(dataDir.resolve("mariadb").toString()))
                    .ifPresent(leftover -> {
                        leftover.destroy();
                        leftover.onExit().orTimeout(60, TimeUnit.SECONDS).join();
                    });
        } catch (IOException | NumberFormatException noLeftover) {
            // no pid file: nothing of ours runs there
        }
    }

    private static String mainLogbackXml() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("src/main/resources/logback.xml")
                .toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
