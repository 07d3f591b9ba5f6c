package org.afterhours.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.afterhours.dialout.ScreeningDialplan;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.TechnicianBehaviour;

/**
 * Issue 15's scenarios on the product as shipped ({@link ShippedServer}: {@code ./afterhours serve}, the launcher's
 * JVM options, embedded MariaDB, the journal), with the real after-hours call ({@link CallerGenerator},
 * {@link CallPlan}):
 * <ul>
 *   <li>(d) the knee: per call path, on a fresh server, a warm-up step and then rising arrival rates until the p99
 *   round trip passes the limit (20 ms);</li>
 *   <li>(e) a cold storm: callers arriving from the moment the AGI port of a fresh server listens;</li>
 *   <li>(f) held callers, rounds interleaved with asterisk-java's {@code DefaultAgiServer} (pool 10,000) on its
 *   5-command call: ours cold, theirs cold, ours warm, theirs warm.</li>
 * </ul>
 * Every server gets a fake Asterisk manager interface ({@link FakeAmi}, in this JVM) that it logs in to, as the
 * product is deployed next to Asterisk: technicians accept an emergency (1) and hear a message notice (1), their
 * legs calling back into the server as FastAGI sessions, as Asterisk's dialplan does.
 */
final class ShippedBench {
    private static final double MB = 1e6;
    private static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final String AMI_USER = "afterhours";
    private static final String SCREEN_CONTEXT = "afterhours-screen";

    private final boolean quick;
    private final boolean jfr;
    private final boolean keepData;
    /** Added to the launcher's JVM options (e.g. native memory tracking), "" for the options as shipped. */
    private final String extraJvmOptions;
    /** Instead of the launcher's JVM options (e.g. another collector), "" for the launcher's own. */
    private final String jvmOptions;
    private final int generatorThreads;
    private final List<CallPlan> kneePaths;
    private final List<Integer> rates;
    private final Duration kneeWarmup;
    private final int warmupRate;
    private final Duration kneeStep;
    private final double p99LimitMillis;
    private final CallPlan stormPath;
    private final int stormCalls;
    private final Duration stormOver;
    private final CallPlan heldPath;
    private final int heldCalls;
    private final Duration heldOver;
    private final Duration hold;
    /** false: (f) runs our two rounds back to back, for trying JVM options; the table then has no ratios. */
    private final boolean heldAgainstAsteriskJava;
    private final Path out;
    private final Path checkout = Path.of("").toAbsolutePath();
    private final Path work;
    private final PrintStream progress = System.err;
    private final List<String> serverNotes = new ArrayList<>();
    private final Map<String, List<String>> dialogues = new LinkedHashMap<>();

    ShippedBench(Map<String, String> options, Path out) {
        this.out = out;
        this.work = Path.of("target/bench/shipped").toAbsolutePath();
        quick = options.containsKey("quick");
        jfr = options.containsKey("jfr");
        keepData = options.containsKey("keep-data");
        extraJvmOptions = options.getOrDefault("extra-jvm-options", "").trim();
        jvmOptions = options.getOrDefault("jvm-options", "").trim();
        generatorThreads = Integer.parseInt(options.getOrDefault("generator-threads", "2"));
        kneePaths = Arrays.stream(options.getOrDefault("paths", "emergency,message,information").split(","))
                .map(CallPlan::path).toList();
        rates = Arrays.stream(options.getOrDefault("rates", quick ? "10,25,50,100,200,400,800"
                : "10,20,50,100,200,400,800,1600").split(",")).map(s -> Integer.parseInt(s.trim())).toList();
        kneeWarmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("knee-warmup", quick ? "10" : "30")));
        warmupRate = Integer.parseInt(options.getOrDefault("warmup-rate", quick ? "10" : "20"));
        kneeStep = Duration.ofSeconds(Long.parseLong(options.getOrDefault("step-seconds", quick ? "4" : "15")));
        p99LimitMillis = Double.parseDouble(options.getOrDefault("p99-limit-ms", "20"));
        stormPath = CallPlan.path(options.getOrDefault("storm-path", "information"));
        stormCalls = Integer.parseInt(options.getOrDefault("storm-calls", quick ? "1000" : "5000"));
        stormOver = Duration.ofMillis((long) (1000 * Double.parseDouble(
                options.getOrDefault("storm-seconds", quick ? "1" : "5"))));
        heldPath = CallPlan.path(options.getOrDefault("held-path", "information"));
        heldCalls = Integer.parseInt(options.getOrDefault("held-calls", quick ? "500" : "10000"));
        heldOver = Duration.ofSeconds(Long.parseLong(options.getOrDefault("held-over", quick ? "2" : "8")));
        heldAgainstAsteriskJava = switch (options.getOrDefault("held-against", "asterisk-java")) {
            case "asterisk-java" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("--held-against takes asterisk-java or none");
        };
        hold = Duration.ofSeconds(Long.parseLong(options.getOrDefault("hold-seconds", quick ? "5" : "20")));
        if (rates.isEmpty() || kneeStep.isZero() || stormCalls < 1 || heldCalls < 1) {
            throw new IllegalArgumentException("--rates, --step-seconds, --storm-calls and --held-calls must be "
                    + "positive");
        }
    }

    void run(List<String> scenarios, PrintStream table) throws Exception {
        Files.createDirectories(out.resolve("logs"));
        Files.deleteIfExists(out.resolve("shipped-runs.tsv"));
        if (jfr) {
            Files.createDirectories(out.resolve("jfr"));
        }
        Instant started = Instant.now();
        String launcherOptions = jvmOptions.isEmpty() ? ShippedServer.launcherJvmOptions(checkout) : jvmOptions;
        table.println("## afterhours as shipped: the real after-hours call on `./afterhours serve`"
                + (quick ? " (quick mode: smaller and shorter)" : ""));
        table.println();
        table.println("- started " + started.truncatedTo(ChronoUnit.SECONDS) + "; machine: "
                + Runtime.getRuntime().availableProcessors() + " cores, kernel " + read("/proc/sys/kernel/osrelease")
                + ", JDK " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        table.println("- server: `./afterhours serve` with the launcher's JVM options (`" + launcherOptions + "`"
                + (jfr ? " + a JFR recording, through AFTERHOURS_JAVA_OPTS" : "")
                + (extraJvmOptions.isEmpty() ? "" : " + `" + extraJvmOptions + "`, through AFTERHOURS_JAVA_OPTS")
                + "), config/afterhours.properties"
                + ", embedded MariaDB and journal in a fresh data folder per start; set through the environment: "
                + "the AGI, console and AMI ports, the AMI secret, AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME=true "
                + "(calls are placed as `afterhours?simulate=after-hours`)");
        table.println("- generator and fake AMI in the runner's JVM (" + generatorThreads + " netty NIO threads; one "
                + "connection per call, a ResAgiResponder per call); all over 127.0.0.1");
        table.println("- load average at start: " + read("/proc/loadavg"));
        table.println();
        for (String id : scenarios) {
            switch (id) {
                case "d" -> knee(table);
                case "e" -> storm(table);
                case "f" -> held(table, launcherOptions);
                default -> throw new IllegalArgumentException("no scenario '" + id + "'");
            }
        }
        if (!dialogues.isEmpty()) {
            table.println("### The first call of each path (`>` server, `<` simulated Asterisk)");
            table.println();
            dialogues.forEach((path, lines) -> {
                table.println(path + ", " + lines.stream().filter(l -> l.startsWith(">")).count() + " commands:");
                table.println("```");
                lines.forEach(table::println);
                table.println("```");
            });
            table.println();
        }
        table.println("### The servers");
        table.println();
        serverNotes.forEach(table::println);
        table.println();
        table.println("- load average at end: " + read("/proc/loadavg") + "; wall time "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    // ---- (d) the knee ----

    private void knee(PrintStream table) throws Exception {
        table.println("### (d) The knee: rising arrival rates of the real call until the p99 round trip passes "
                + format(p99LimitMillis, 0) + " ms");
        table.println();
        table.println("Each path on a fresh server: a " + kneeWarmup.toSeconds() + " s warm-up at " + warmupRate
                + " calls/s (not shown), then " + kneeStep.toSeconds() + " s at each rate, each step's calls left "
                + "to end before the next. Round trip: our reply written → the server's next command. CPU per "
                + "call: the server JVM's (/proc/<pid>/stat), the embedded mariadbd's beside it.");
        table.println();
        List<String[]> summary = new ArrayList<>();
        for (CallPlan path : kneePaths) {
            List<Metrics> steps = new ArrayList<>();
            try (Serve serve = Serve.start(this, "d-" + path.id(), Map.of())) {
                serve.awaitServingAndAmi();
                try (CallerGenerator generator = new CallerGenerator(serve.server.agiPort(), path, Duration.ZERO,
                        generatorThreads)) {
                    Metrics warm = step(serve, generator, warmupRate, kneeWarmup);
                    log("d", path.id() + " warm-up", warm);
                    dialogues.putIfAbsent(path.id(), generator.sampleDialogue());
                    for (int rate : rates) {
                        Metrics m = step(serve, generator, rate, kneeStep);
                        steps.add(m);
                        log("d", path.id() + " " + rate + " calls/s", m);
                        boolean over = !(m.get("p99") <= p99LimitMillis);
                        boolean failing = m.get("failed") > 0.01 * m.get("placed");
                        boolean behind = m.get("calls/s") < 0.8 * rate;
                        if (over || failing || behind) {
                            break;
                        }
                    }
                }
                serve.note();
            }
            printKneeTable(table, path, steps);
            summary.add(kneeSummary(path, steps));
        }
        table.println("#### (d) The knee of each path");
        table.println();
        table.println("| path | knee: highest rate with p99 ≤ " + format(p99LimitMillis, 0) + " ms and no failed call "
                + "(calls/s) | p99 there ms | server CPU µs/call there (mariadbd) | first rate past it | p99 there ms |");
        table.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        summary.forEach(row -> table.println("| " + String.join(" | ", row) + " |"));
        table.println();
    }

    /** One step of (d): {@code rate} calls a second for {@code length}, then until they have all ended. */
    private Metrics step(Serve serve, CallerGenerator generator, int rate, Duration length) throws Exception {
        ProcessFigures java0 = serve.server.java();
        ProcessFigures db0 = serve.server.mariadb();
        long bench0 = ServerMain.cpuNanos();
        long machine0 = MachineCpu.busyNanos();
        Set<Long> ours = Set.of(ProcessHandle.current().pid(), serve.server.javaPid(), serve.server.mariadbPid());
        Map<Long, Long> others0 = MachineCpu.otherProcesses(ours);
        int originates0 = serve.ami.actions("Originate").size();
        generator.startWindow();
        generator.arrive((int) Math.max(1, Math.round(rate * length.toNanos() / 1e9)), length);
        generator.awaitPlaced();
        boolean drained = generator.awaitIdle(quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60));
        CallerGenerator.Window w = generator.endWindow();
        ProcessFigures java1 = serve.server.java();
        ProcessFigures db1 = serve.server.mariadb();
        long bench = ServerMain.cpuNanos() - bench0;
        long machine = MachineCpu.busyNanos() - machine0;
        long others = MachineCpu.between(others0, MachineCpu.otherProcesses(ours));
        long completed = w.completed();
        Metrics m = new Metrics()
                .put("rate", rate)
                .put("placed", w.placed())
                .put("completed", completed)
                .put("failed", w.failed() + (drained ? 0 : generator.live()))
                .put("calls/s", completed / w.seconds())
                .put("p50", Metrics.millis(w.roundTrips(), 50))
                .put("p99", Metrics.millis(w.roundTrips(), 99))
                .put("p99.9", Metrics.millis(w.roundTrips(), 99.9))
                .put("max", w.roundTrips().getTotalCount() == 0 ? Double.NaN : w.roundTrips().getMaxValue() / 1e6)
                .put("first p99", Metrics.millis(w.firstCommand(), 99))
                .put("commands/call", completed == 0 ? Double.NaN : w.commands() / (double) completed)
                .put("server cpu us/call", perCall(java1.cpuSince(java0), completed))
                .put("server jit %", percent(java1.jitNanos() - java0.jitNanos(), java1.cpuSince(java0)))
                .put("server gc %", percent(java1.gcNanos() - java0.gcNanos(), java1.cpuSince(java0)))
                .put("mariadb cpu us/call", perCall(db1.cpuSince(db0), completed))
                .put("bench cpu us/call", perCall(bench, completed))
                .put("rss MB", java1.rss() / MB)
                .put("mariadb rss MB", db1.rss() / MB)
                .put("threads", java1.threads())
                .put("bridged", w.bridged())
                .put("hold poll p50", Metrics.millis(w.holdPolls(), 50))
                .put("originates/call", completed == 0 ? Double.NaN
                        : (serve.ami.actions("Originate").size() - originates0) / (double) completed)
                .put("busy cores", machine / (double) w.nanos())
                .put("others cores", others / (double) w.nanos());
        m.note = w.failures();
        return m;
    }

    private void printKneeTable(PrintStream table, CallPlan path, List<Metrics> steps) {
        boolean emergency = path == CallPlan.EMERGENCY;
        table.println("#### (d) " + path.id() + " (keys " + path.keys() + ")");
        table.println();
        table.println("| offered calls/s | placed | completed | failed | completed calls/s | round trip p50 ms | p99 ms "
                + "| p99.9 ms | max ms | first command p99 ms | commands/call | server CPU µs/call (JIT %, GC %) | mariadbd CPU "
                + "µs/call | runner CPU µs/call | RSS MB (mariadbd) | threads"
                + (emergency ? " | bridged | AMI originates/call | hold poll p50 ms" : "")
                + " | cores busy (others, at least) |");
        table.println("| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
                + "---: | ---: | ---:" + (emergency ? " | ---: | ---: | ---:" : "") + " | ---: |");
        for (Metrics m : steps) {
            String failed = format(m.get("failed"), 0) + (m.get("failed") > 0 ? " (" + m.note + ")" : "");
            table.println("| " + String.join(" | ", List.of(format(m.get("rate"), 0), format(m.get("placed"), 0),
                    format(m.get("completed"), 0), failed, format(m.get("calls/s"), 1), format(m.get("p50"), 3),
                    mark(m.get("p99")), format(m.get("p99.9"), 3), format(m.get("max"), 1),
                    format(m.get("first p99"), 3), format(m.get("commands/call"), 1),
                    format(m.get("server cpu us/call"), 0) + " (" + format(m.get("server jit %"), 0) + ", "
                            + format(m.get("server gc %"), 0) + ")", format(m.get("mariadb cpu us/call"), 0),
                    format(m.get("bench cpu us/call"), 0),
                    format(m.get("rss MB"), 0) + " (" + format(m.get("mariadb rss MB"), 0) + ")",
                    format(m.get("threads"), 0)))
                    + (emergency ? " | " + format(m.get("bridged"), 0) + " | " + format(m.get("originates/call"), 2)
                    + " | " + format(m.get("hold poll p50"), 1) : "")
                    + " | " + format(m.get("busy cores"), 2) + " (" + format(m.get("others cores"), 2) + ") |");
        }
        table.println();
    }

    private String mark(double p99) {
        return p99 <= p99LimitMillis ? format(p99, 3) : "**" + format(p99, 3) + "**";
    }

    private String[] kneeSummary(CallPlan path, List<Metrics> steps) {
        Metrics knee = null;
        Metrics past = null;
        for (Metrics m : steps) {
            if (m.get("p99") <= p99LimitMillis && m.get("failed") == 0) {
                knee = m;
            } else {
                past = m;
                break;
            }
        }
        return new String[] {path.id(), knee == null ? "below " + rates.getFirst() : format(knee.get("rate"), 0),
                knee == null ? "–" : format(knee.get("p99"), 3),
                knee == null ? "–" : format(knee.get("server cpu us/call"), 0) + " ("
                        + format(knee.get("mariadb cpu us/call"), 0) + ")",
                past == null ? "none up to " + rates.getLast() : format(past.get("rate"), 0)
                        + (past.get("failed") > 0 ? " (" + format(past.get("failed"), 0) + " failed)" : ""),
                past == null ? "–" : format(past.get("p99"), 3)};
    }

    // ---- (e) the cold storm ----

    private void storm(PrintStream table) throws Exception {
        Metrics m;
        try (Serve serve = Serve.start(this, "e-storm", Map.of());
             CallerGenerator generator = new CallerGenerator(serve.server.agiPort(), stormPath, Duration.ZERO,
                     generatorThreads)) {
            // The generator is set up while the server starts, so that nothing of ours delays the storm.
            double listening = serve.server.awaitListening(START_LIMIT);
            long storm0 = System.nanoTime();
            generator.startWindow();
            generator.arrive(stormCalls, stormOver);
            double serving = serve.server.awaitServing(START_LIMIT);
            generator.awaitPlaced();
            boolean drained = generator.awaitIdle(Duration.ofSeconds(quick ? 60 : 180));
            double allDone = (System.nanoTime() - storm0) / 1e9;
            CallerGenerator.Window w = generator.endWindow();
            ProcessFigures java = serve.server.java();
            ProcessFigures db = serve.server.mariadb();
            dialogues.putIfAbsent(stormPath.id(), generator.sampleDialogue());
            m = new Metrics()
                    .put("listening s", listening)
                    .put("serving s", serving)
                    .put("placed", w.placed())
                    .put("completed", w.completed())
                    .put("failed", w.failed() + (drained ? 0 : generator.live()))
                    .put("p50", Metrics.millis(w.roundTrips(), 50))
                    .put("p99", Metrics.millis(w.roundTrips(), 99))
                    .put("max", w.roundTrips().getTotalCount() == 0 ? Double.NaN
                            : w.roundTrips().getMaxValue() / 1e6)
                    .put("first p50", Metrics.millis(w.firstCommand(), 50))
                    .put("first p99", Metrics.millis(w.firstCommand(), 99))
                    .put("first max", w.firstCommand().getTotalCount() == 0 ? Double.NaN
                            : w.firstCommand().getMaxValue() / 1e6)
                    .put("call p99", Metrics.millis(w.callTimes(), 99))
                    .put("all done s", allDone)
                    .put("commands/call", w.completed() == 0 ? Double.NaN
                            : w.commands() / (double) w.completed())
                    .put("rss MB", java.rss() / MB)
                    .put("mariadb rss MB", db.rss() / MB)
                    .put("threads", java.threads())
                    .put("server cpu s", java.cpuNanos() / 1e9);
            m.note = w.failures() + (drained ? "" : "; " + generator.live() + " still open");
            log("e", stormPath.id(), m);
            serve.note();
        }
        table.println("### (e) Cold storm: " + String.format(Locale.ROOT, "%,d", stormCalls) + " callers ("
                + stormPath.id() + " path) arriving evenly over " + format(stormOver.toMillis() / 1000.0, 1)
                + " s from the moment the AGI port of a fresh server listens");
        table.println();
        table.println("| port listening after s (from launch) | serving line after s | callers | completed | failed "
                + "| round trip p50 ms | p99 ms | max ms | first command p50 ms | p99 ms | max ms | call p99 ms "
                + "| all ended after s | commands/call | RSS MB (mariadbd) | threads | server CPU s since launch |");
        table.println("| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
                + "---: | ---: | ---: | ---: |");
        table.println("| " + String.join(" | ", List.of(format(m.get("listening s"), 2), format(m.get("serving s"), 2),
                format(m.get("placed"), 0), format(m.get("completed"), 0),
                format(m.get("failed"), 0) + (m.get("failed") > 0 ? " (" + m.note + ")" : ""),
                format(m.get("p50"), 3), format(m.get("p99"), 3), format(m.get("max"), 1),
                format(m.get("first p50"), 3), format(m.get("first p99"), 3), format(m.get("first max"), 1),
                format(m.get("call p99"), 1), format(m.get("all done s"), 2), format(m.get("commands/call"), 1),
                format(m.get("rss MB"), 0) + " (" + format(m.get("mariadb rss MB"), 0) + ")",
                format(m.get("threads"), 0), format(m.get("server cpu s"), 1))) + " |");
        table.println();
    }

    // ---- (f) held callers, interleaved with asterisk-java ----

    private void held(PrintStream table, String launcherOptions) throws Exception {
        Map<String, String> settings = new HashMap<>();
        // The default limit, 10,000 calls, leaves no room for 10,000 held callers and the technicians' legs.
        int limit = Math.max(10_000, heldCalls + 2_000);
        if (limit != 10_000) {
            settings.put("AFTERHOURS_AGI_MAX_CONCURRENT_CALLS", Integer.toString(limit));
        }
        List<Metrics> ours = new ArrayList<>();
        List<Metrics> theirs = new ArrayList<>();
        try (Serve serve = Serve.start(this, "f-serve", settings)) {
            serve.awaitServingAndAmi();
            ours.add(heldRound(serve.server.agiPort(), heldPath, serve.server::javaPid, serve.server::mariadbPid));
            log("f", "afterhours round 1", ours.getLast());
            if (!heldAgainstAsteriskJava) {
                Thread.sleep(Duration.ofSeconds(quick ? 5 : 40)); // where asterisk-java's round would be
                ours.add(heldRound(serve.server.agiPort(), heldPath, serve.server::javaPid,
                        serve.server::mariadbPid));
                log("f", "afterhours round 2", ours.getLast());
                serve.note();
                table.println("### (f) Held callers, our two rounds only (--held-against none): see the raw figures"
                        + " above");
                return;
            }
            List<String> ajOptions = List.of(launcherOptions.split("\\s+"));
            try (ServerProcess aj = ServerProcess.launch(ServerKind.ASTERISK_JAVA_HELD, ajOptions,
                    out.resolve("logs").resolve("f-asterisk-java.log"))) {
                theirs.add(heldRound(aj.agiPort(), CallPlan.ASTERISK_JAVA_SHORT, aj::pid, () -> -1L));
                log("f", "asterisk-java round 1", theirs.getLast());
                ours.add(heldRound(serve.server.agiPort(), heldPath, serve.server::javaPid,
                        serve.server::mariadbPid));
                log("f", "afterhours round 2", ours.getLast());
                theirs.add(heldRound(aj.agiPort(), CallPlan.ASTERISK_JAVA_SHORT, aj::pid, () -> -1L));
                log("f", "asterisk-java round 2", theirs.getLast());
                serverNotes.add("- f-asterisk-java: asterisk-java 3.42.2 `DefaultAgiServer`, pool max 10,000, in a "
                        + "JVM with the launcher's options (`" + launcherOptions + "`); log "
                        + out.resolve("logs").resolve("f-asterisk-java.log"));
            }
            serve.note();
        }
        table.println("### (f) Held callers, rounds interleaved: " + String.format(Locale.ROOT, "%,d", heldCalls)
                + " callers placed over " + heldOver.toSeconds() + " s, each holding " + hold.toSeconds()
                + " s at its first key prompt, then finishing the call");
        table.println();
        table.println("afterhours: `./afterhours serve` as shipped, the real call (" + heldPath.id() + " path, keys "
                + heldPath.keys() + "; held at the greeting, the triage prompt)"
                + (limit != 10_000 ? ", agi.max-concurrent-calls raised to " + String.format(Locale.ROOT, "%,d",
                limit) + " (AFTERHOURS_AGI_MAX_CONCURRENT_CALLS) for the held callers and the warm round's tail"
                : "") + ". asterisk-java: its 5-command call (ANSWER, STREAM FILE, WAIT FOR DIGIT held, SAY "
                + "DIGITS, HANGUP; then its AJ_AGISTATUS). Round 1 of each is its JVM's first calls; round 2 "
                + "follows in the same JVM. RSS and threads when every open call holds; threads are the JVM's OS "
                + "threads (/proc/<pid>/status).");
        table.println();
        String[] heads = {"afterhours round 1 (cold)", "asterisk-java round 1 (cold)", "afterhours round 2",
                "asterisk-java round 2"};
        List<Metrics> order = List.of(ours.get(0), theirs.get(0), ours.get(1), theirs.get(1));
        table.println("| " + String.format(Locale.ROOT, "%,d", heldCalls) + " held callers | "
                + String.join(" | ", heads) + " |");
        table.println("| --- | ---: | ---: | ---: | ---: |");
        heldRow(table, "held at once", order, m -> format(m.get("held"), 0));
        heldRow(table, "completed", order, m -> format(m.get("completed"), 0));
        heldRow(table, "failed", order, m -> format(m.get("failed"), 0)
                + (m.get("failed") > 0 ? " (" + m.note + ")" : ""));
        heldRow(table, "commands/call", order, m -> format(m.get("commands/call"), 1));
        heldRow(table, "RSS at full hold MB (afterhours: + mariadbd)", order, m -> format(m.get("rss MB"), 0)
                + (m.get("mariadb rss MB") > 0 ? " (+ " + format(m.get("mariadb rss MB"), 0) + ")" : ""));
        heldRow(table, "platform threads at full hold", order, m -> format(m.get("threads"), 0));
        heldRow(table, "round trip p50 / p99 ms", order, m -> format(m.get("p50"), 2) + " / "
                + format(m.get("p99"), 2));
        heldRow(table, "round trip p99.9 / max ms", order, m -> format(m.get("p99.9"), 1) + " / "
                + format(m.get("max"), 1));
        heldRow(table, "p99 before the hold ms", order, m -> format(m.get("before p99"), 2));
        heldRow(table, "first command p99 ms", order, m -> format(m.get("first p99"), 2));
        heldRow(table, "round ended after s", order, m -> format(m.get("round s"), 1));
        heldRow(table, "server CPU s in the round", order, m -> format(m.get("server cpu s"), 1));
        table.println();
        table.println("| afterhours ÷ asterisk-java | round 1 | round 2 | issue 15's target |");
        table.println("| --- | ---: | ---: | --- |");
        ratioRow(table, "round trip p99", ours, theirs, "p99", "≤ 0.25");
        ratioRow(table, "round trip p50", ours, theirs, "p50", "");
        ratioRow(table, "RSS at full hold (JVM only)", ours, theirs, "rss MB", "≤ 0.33");
        ratioRow(table, "platform threads at full hold", ours, theirs, "threads", "");
        table.println();
    }

    private Metrics heldRound(int port, CallPlan plan, java.util.function.LongSupplier pid,
                              java.util.function.LongSupplier mariadbPid) throws Exception {
        try (CallerGenerator generator = new CallerGenerator(port, plan, hold, generatorThreads)) {
            ProcessFigures before = ProcessFigures.of(pid.getAsLong());
            long t0 = System.nanoTime();
            generator.startWindow();
            generator.arrive(heldCalls, heldOver);
            long deadline = t0 + heldOver.plus(hold).toNanos();
            // Full hold: every caller placed, and every open call at its key prompt.
            while (System.nanoTime() < deadline && (generator.placing() || generator.live() != generator.holding())) {
                Thread.sleep(20);
            }
            int heldNow = generator.holding();
            ProcessFigures atHold = ProcessFigures.of(pid.getAsLong());
            ProcessFigures dbAtHold = ProcessFigures.of(mariadbPid.getAsLong());
            boolean drained = generator.awaitIdle(heldOver.plus(hold).plusSeconds(quick ? 60 : 180));
            double roundSeconds = (System.nanoTime() - t0) / 1e9;
            CallerGenerator.Window w = generator.endWindow();
            ProcessFigures after = ProcessFigures.of(pid.getAsLong());
            dialogues.putIfAbsent(plan.id(), generator.sampleDialogue());
            Metrics m = new Metrics()
                    .put("held", heldNow)
                    .put("most held", w.maxHolding())
                    .put("completed", w.completed())
                    .put("failed", w.failed() + (drained ? 0 : generator.live()))
                    .put("commands/call", w.completed() == 0 ? Double.NaN : w.commands() / (double) w.completed())
                    .put("rss MB", atHold.rss() / MB)
                    .put("mariadb rss MB", dbAtHold.rss() / MB)
                    .put("threads", atHold.threads())
                    .put("p50", Metrics.millis(w.roundTrips(), 50))
                    .put("p99", Metrics.millis(w.roundTrips(), 99))
                    .put("p99.9", Metrics.millis(w.roundTrips(), 99.9))
                    .put("max", w.roundTrips().getTotalCount() == 0 ? Double.NaN
                            : w.roundTrips().getMaxValue() / 1e6)
                    .put("before p99", Metrics.millis(w.beforeHold(), 99))
                    .put("first p99", Metrics.millis(w.firstCommand(), 99))
                    .put("round s", roundSeconds)
                    .put("server cpu s", after.cpuSince(before) / 1e9);
            m.note = w.failures() + (drained ? "" : "; " + generator.live() + " still open");
            return m;
        }
    }

    private static void heldRow(PrintStream table, String what, List<Metrics> order,
                                java.util.function.Function<Metrics, String> cell) {
        table.println("| " + what + " | " + String.join(" | ", order.stream().map(cell).toList()) + " |");
    }

    private static void ratioRow(PrintStream table, String what, List<Metrics> ours, List<Metrics> theirs,
                                 String metric, String target) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            double t = theirs.get(i).get(metric);
            cells.add(t == 0 ? "–" : format(ours.get(i).get(metric) / t, 3));
        }
        table.println("| " + what + " | " + String.join(" | ", cells) + " | " + target + " |");
    }

    // ---- one server and its fake AMI ----

    /** A shipped server and the fake Asterisk manager interface it logs in to. */
    private static final class Serve implements AutoCloseable {
        final ShippedServer server;
        final FakeAmi ami;
        final ShippedBench bench;
        double servingAfter = Double.NaN;

        private Serve(ShippedBench bench, ShippedServer server, FakeAmi ami) {
            this.bench = bench;
            this.server = server;
            this.ami = ami;
        }

        static Serve start(ShippedBench bench, String name, Map<String, String> settings) throws IOException {
            String secret = "bench-" + UUID.randomUUID();
            // Technicians accept (1), a message notice is heard (1); every other context is Asterisk's "no such
            // extension", as for the real dialplan.
            FakeAmi ami = new FakeAmi(AMI_USER, secret).contexts(SCREEN_CONTEXT, ScreeningDialplan.MESSAGE_CONTEXT)
                    .otherPhones(TechnicianBehaviour.answers("1")).start(0);
            Map<String, String> env = new LinkedHashMap<>(settings);
            env.put("AFTERHOURS_AMI_PORT", Integer.toString(ami.port()));
            env.put("AFTERHOURS_AMI_SECRET", secret);
            env.put("AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true");
            // Null: the launcher's own options, as shipped. Otherwise AFTERHOURS_JAVA_OPTS, which replaces them.
            List<String> added = new ArrayList<>();
            if (bench.jfr) {
                Path recording = bench.out.resolve("jfr").resolve(name + ".jfr").toAbsolutePath();
                if (recording.toString().contains(" ")) {
                    throw new IllegalArgumentException("the launcher splits AFTERHOURS_JAVA_OPTS on spaces: "
                            + recording + " has one");
                }
                added.add(jfrOption(recording));
            }
            if (!bench.extraJvmOptions.isEmpty()) {
                added.add(bench.extraJvmOptions);
            }
            String javaOptions = null;
            if (!bench.jvmOptions.isEmpty() || !added.isEmpty()) {
                added.addFirst(bench.jvmOptions.isEmpty() ? ShippedServer.launcherJvmOptions(bench.checkout)
                        : bench.jvmOptions);
                javaOptions = String.join(" ", added);
            }
            ShippedServer server;
            try {
                server = ShippedServer.launch(name, bench.checkout, bench.work, bench.out.resolve("logs"), env,
                        javaOptions, bench.keepData);
            } catch (IOException | RuntimeException e) {
                ami.close();
                throw e;
            }
            int port = server.agiPort();
            // As the dialplan's [afterhours-screen] and [afterhours-message] do: the node the leg names, else ours.
            ami.runningAgi("127.0.0.1", port, (context, exten, vars) -> vars.getOrDefault("AFTERHOURS_NODE",
                    "agi://127.0.0.1:" + port) + (context.equals(ScreeningDialplan.MESSAGE_CONTEXT)
                    ? "/message?ref=" + vars.get("AFTERHOURS_REF") + "&attempt=" + vars.get("AFTERHOURS_ATTEMPT")
                    : "/screen?ref=" + vars.get("AFTERHOURS_REF") + "&role=" + vars.get("AFTERHOURS_ROLE")
                    + "&attempt=" + vars.get("AFTERHOURS_ATTEMPT")));
            bench.progress.println("bench: started ./afterhours serve " + name + " (pid " + server.javaPid()
                    + ", AGI port " + port + ")" + (javaOptions == null ? "" : " with AFTERHOURS_JAVA_OPTS="
                    + javaOptions));
            return new Serve(bench, server, ami);
        }

        void awaitServingAndAmi() throws IOException, InterruptedException {
            servingAfter = server.awaitServing(START_LIMIT);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ami.logins() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(server.name() + " did not log in to the fake AMI within 60 s");
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            bench.progress.printf(Locale.ROOT, "bench: %s serving after %.1f s, logged in to the fake AMI%n",
                    server.name(), servingAfter);
        }

        /** A line about this server for the report: its log's warnings and errors. */
        void note() throws IOException {
            Map<String, Long> warnings = server.warningsAndErrors();
            long errors = warnings.entrySet().stream().filter(e -> e.getKey().startsWith("ERROR"))
                    .mapToLong(Map.Entry::getValue).sum();
            long warns = warnings.values().stream().mapToLong(Long::longValue).sum() - errors;
            StringBuilder line = new StringBuilder("- " + server.name() + ": log " + server.log() + ", " + warns
                    + " WARN and " + errors + " ERROR lines");
            if (!Double.isNaN(servingAfter)) {
                line.append(String.format(Locale.ROOT, "; serving %.1f s after launch", servingAfter));
            }
            line.append("; AMI actions received: ").append(ami.actions().size());
            bench.serverNotes.add(line.toString());
            warnings.entrySet().stream().limit(8).forEach(e -> bench.serverNotes.add("  - " + e.getValue() + " × "
                    + e.getKey().replace("|", "\\|")));
        }

        @Override
        public void close() throws InterruptedException {
            try {
                server.close();
            } finally {
                ami.close();
            }
        }
    }

    /**
     * JFR for the whole life of the server, written when it stops; JDK 25's CPU-time sampler too, when the JDK
     * has it, so that {@code jfr view cpu-time-hot-methods} attributes CPU rather than wall-clock samples.
     */
    private static String jfrOption(Path recording) {
        String option = "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true";
        if (Runtime.version().feature() >= 25) {
            option += ",jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=1ms";
        }
        return option;
    }

    // ---- helpers ----

    private void log(String scenario, String what, Metrics m) throws IOException {
        String line = String.format(Locale.ROOT, "[%s] %-28s %s%s", scenario, what, m.all(),
                m.note == null || m.note.equals("none") ? "" : " failures: " + m.note);
        progress.println(line);
        Files.writeString(out.resolve("shipped-runs.tsv"), scenario + "\t" + what + "\t" + m.all() + "\t"
                + m.note + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double percent(long part, long whole) {
        return whole <= 0 ? Double.NaN : 100.0 * part / whole;
    }

    private static double perCall(long nanos, long calls) {
        return calls == 0 ? Double.NaN : nanos / 1e3 / calls;
    }

    static String format(double value, int decimals) {
        return BenchMain.format(value, decimals);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
