package org.afterhours.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.afterhours.agi.server.AgiScriptRouter;
import org.afterhours.agi.server.AgiServer;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.agi.server.SessionListener;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.util.ServerSocketFacade;

/**
 * One server under test, in a JVM of its own: {@code ServerMain <kind> <agi port> <control port>}. It serves
 * {@link CallScript} on 127.0.0.1, and answers the runner on a loopback control port, one line a connection:
 * {@code stats} (heap and threads as they are), {@code gc-stats} (the same after full collections), {@code stop}.
 */
public final class ServerMain {
    /** afterhours' admission limit in the bench: 10,000 held calls plus the tail of the ones before them. */
    static final int AFTERHOURS_MAX_CALLS = 12_000;

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerKind kind = ServerKind.byId(args[0]);
        int agiPort = Integer.parseInt(args[1]);
        int controlPort = Integer.parseInt(args[2]);
        AutoCloseable server;
        IntSupplier calls;
        switch (kind) {
            case AFTERHOURS -> {
                AgiServerSettings settings = AgiServerSettings.defaults().withPort(agiPort)
                        .withMaxConcurrentCalls(AFTERHOURS_MAX_CALLS).withShutdownGrace(Duration.ofSeconds(1));
                AgiServer agi = new AgiServer(settings,
                        new AgiScriptRouter().register(CallScript.SCRIPT_PATH, new AfterhoursBenchScript()),
                        SessionListener.NONE, Clock.systemUTC()).start();
                server = agi;
                calls = agi::activeCalls;
            }
            case ASTERISK_JAVA_DEFAULT, ASTERISK_JAVA_10K, ASTERISK_JAVA_HELD -> {
                ListeningAgiServer aj = new ListeningAgiServer(kind == ServerKind.ASTERISK_JAVA_HELD
                        ? new AsteriskJavaHeldScript() : new AsteriskJavaBenchScript());
                aj.setAddress(InetAddress.getLoopbackAddress());
                aj.setPort(agiPort);
                if (kind != ServerKind.ASTERISK_JAVA_DEFAULT) {
                    aj.setMaximumPoolSize(10_000);
                }
                Thread accept = new Thread(() -> {
                    try {
                        aj.startup();
                    } catch (IOException e) {
                        e.printStackTrace();
                        System.exit(3);
                    }
                }, "asterisk-java-accept");
                accept.setDaemon(true);
                accept.start();
                if (!aj.listening.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("asterisk-java did not start listening");
                }
                server = aj::shutdown;
                calls = () -> Math.max(0, aj.getPoolActiveTaskCount());
            }
            case NETTY_CEILING -> {
                CeilingServer ceiling = new CeilingServer().start(agiPort);
                server = ceiling;
                calls = ceiling::openConnections;
            }
            default -> throw new IllegalArgumentException(kind.id);
        }
        System.out.println("READY " + kind.id + " agi=" + agiPort + " control=" + controlPort);
        serveControl(controlPort, calls);
        server.close();
        System.out.println("STOPPED " + kind.id);
        System.exit(0);
    }

    /** Answers the runner until it says stop; loopback only. */
    private static void serveControl(int port, IntSupplier calls) throws IOException, InterruptedException {
        try (ServerSocket control = new ServerSocket(port, 8, InetAddress.getLoopbackAddress())) {
            while (true) {
                try (Socket s = control.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String request = in.readLine();
                    String answer = switch (request == null ? "" : request.trim()) {
                        case "stats" -> stats(calls).format();
                        case "gc-stats" -> {
                            fullGc();
                            yield stats(calls).format();
                        }
                        case "stop" -> "stopping";
                        default -> "unknown request";
                    };
                    OutputStream out = s.getOutputStream();
                    out.write((answer + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if ("stop".equals(request)) {
                        return;
                    }
                }
            }
        }
    }

    private static void fullGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    private static ServerStats stats(IntSupplier calls) {
        var threads = ManagementFactory.getThreadMXBean();
        long[] jitAndGc = jitAndGcNanos();
        return new ServerStats(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                threads.getThreadCount(), threads.getPeakThreadCount(), rss(), calls.getAsInt(), cpuNanos(),
                jitAndGc[0], jitAndGc[1]);
    }

    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** CPU time of the JVM's JIT compiler and GC threads so far (ns), from the kernel's per-thread accounting. */
    static long[] jitAndGcNanos() {
        long jit = 0;
        long gc = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name;
                String stat;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                // After "(comm)": state is field 3, utime and stime fields 14 and 15, in USER_HZ (100 a second).
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += nanos;
                } else if (name.startsWith("GC ") || name.startsWith("G1 ")) {
                    gc += nanos;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
        return new long[] {jit, gc};
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** asterisk-java's server with one script, telling us when its socket is bound (it has no getter). */
    private static final class ListeningAgiServer extends DefaultAgiServer {
        final CountDownLatch listening = new CountDownLatch(1);

        ListeningAgiServer(org.asteriskjava.fastagi.AgiScript script) {
            super(script);
        }

        @Override
        protected ServerSocketFacade createServerSocket() throws IOException {
            ServerSocketFacade socket = super.createServerSocket();
            listening.countDown();
            return socket;
        }
    }
}
