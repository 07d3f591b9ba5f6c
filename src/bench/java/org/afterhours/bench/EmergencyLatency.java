package org.afterhours.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.afterhours.app.AfterhoursConfig;
import org.afterhours.app.AfterhoursServer;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;
import org.afterhours.simulator.TechnicianBehaviour;

/**
 * Issue 12's figure: how long after the emergency caller's key the first technician's phone starts ringing. The
 * whole server ({@code AfterhoursServer}, sample configuration and on-call setup) runs in this JVM against the fake
 * AMI; each call is a simulated caller who presses 1 at the first prompt and hangs up as soon as the first
 * {@code Originate} has arrived. Measured from the simulated Asterisk writing the AGI reply that carries the key
 * ({@code 200 result=49}) to the fake AMI having read the {@code Originate}: both on this JVM's monotonic clock.
 *
 * <pre>
 * EmergencyLatency [--calls N] [--warmup N]
 * </pre>
 * Database: the server named by AFTERHOURS_DB_URL (AFTERHOURS_DB_USER, AFTERHOURS_DB_PASSWORD), else an embedded
 * MariaDB under target/bench/mariadb.
 */
public final class EmergencyLatency {
    private static final String KEY_REPLY = "< 200 result=49";
    private static final Duration CALL_LIMIT = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        int calls = 30;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unexpected argument " + args[i]
                        + " (--calls N, --warmup N)");
            }
        }
        if (calls < 1 || calls > 1000 || warmup < 0 || warmup > 100) {
            throw new IllegalArgumentException("--calls 1..1000, --warmup 0..100");
        }
        List<Long> commandsBetween = new ArrayList<>();
        List<Long> micros = run(calls, warmup, commandsBetween);
        Collections.sort(micros);
        Collections.sort(commandsBetween);
        System.out.printf(Locale.ROOT, "caller's key -> first Originate, %d calls after %d warm-up: median %.1f ms,"
                        + " min %.1f ms, max %.1f ms%n", micros.size(), warmup, micros.get(micros.size() / 2) / 1000.0,
                micros.get(0) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        // On a real Asterisk each prompt the caller hears before the first ring adds its playing time.
        System.out.printf(Locale.ROOT, "AGI commands sent to the caller between the key and the first Originate:"
                + " median %d, max %d%n", commandsBetween.get(commandsBetween.size() / 2),
                commandsBetween.get(commandsBetween.size() - 1));
        System.exit(0);
    }

    private static List<Long> run(int calls, int warmup, List<Long> commandsBetween) throws Exception {
        AtomicLong keyAt = new AtomicLong();
        AtomicLong originateAt = new AtomicLong();
        AtomicLong commands = new AtomicLong();
        int amiPort;
        try (ServerSocket free = new ServerSocket(0)) {
            amiPort = free.getLocalPort();
        }
        try (Database database = Database.start(databaseSettings());
             FakeAmi ami = new FakeAmi("afterhours", "bench").otherPhones(TechnicianBehaviour.neverAnswers())
                     .onAction(action -> {
                         if (action.name().equalsIgnoreCase("Originate")) {
                             originateAt.compareAndSet(0, System.nanoTime());
                         }
                     }).start(amiPort)) {
            AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                    "AFTERHOURS_AGI_PORT", "0",
                    "AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true",
                    "AFTERHOURS_AMI_PORT", Integer.toString(amiPort),
                    "AFTERHOURS_AMI_SECRET", "bench",
                    "AFTERHOURS_ONCALL_SETUP", "bench-latency",
                    "AFTERHOURS_DATA_DIR", Files.createTempDirectory("afterhours-bench").toString()));
            try (AfterhoursServer server = AfterhoursServer.start(config, database)) {
                awaitLogin(ami);
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < warmup + calls; i++) {
                    keyAt.set(0);
                    originateAt.set(0);
                    commands.set(0);
                    call(server.agiPort(), keyAt, originateAt, commands);
                    if (keyAt.get() == 0 || originateAt.get() == 0) {
                        throw new IllegalStateException("call " + (i + 1) + ": no key or no Originate seen");
                    }
                    if (i >= warmup) {
                        micros.add((originateAt.get() - keyAt.get()) / 1000);
                        commandsBetween.add(commands.get());
                    }
                }
                return micros;
            }
        }
    }

    /** One emergency call: 1 at the first prompt that takes a key; hang up once the first Originate has arrived. */
    private static void call(int port, AtomicLong keyAt, AtomicLong originateAt, AtomicLong commandsBetween)
            throws IOException {
        SimulatedCall call = SimulatedCall.to("afterhours?line=main&simulate=after-hours")
                .from("+13125550142", "Bench Caller").dialling("+19132016503");
        ResAgiResponder asterisk = new ResAgiResponder("1", 0).hangingUpWhen(() -> originateAt.get() != 0);
        new AsteriskSimulator("127.0.0.1", port, CALL_LIMIT).play(call, asterisk, line -> {
            if (line.startsWith(KEY_REPLY)) {
                keyAt.compareAndSet(0, System.nanoTime()); // the reply is written right after this line is seen
            } else if (line.startsWith("> ") && keyAt.get() != 0 && originateAt.get() == 0) {
                commandsBetween.incrementAndGet();
            }
        });
    }

    private static void awaitLogin(FakeAmi ami) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ami.logins() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not log in to the fake AMI within 30 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static DatabaseSettings databaseSettings() {
        String url = System.getenv("AFTERHOURS_DB_URL");
        if (url == null || url.isBlank()) {
            return DatabaseSettings.embedded(Path.of("target/bench/mariadb").toAbsolutePath());
        }
        String user = System.getenv().getOrDefault("AFTERHOURS_DB_USER", "root");
        return DatabaseSettings.external(url, user, System.getenv().getOrDefault("AFTERHOURS_DB_PASSWORD", ""));
    }

    private EmergencyLatency() {
    }
}
