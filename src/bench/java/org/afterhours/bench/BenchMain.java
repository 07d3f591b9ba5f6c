package org.afterhours.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs issue 6's scenarios against every server, each server in a JVM of its own, and prints the Markdown tables of
 * BENCHMARKS.md: medians over the runs, and ratios against each peer taken run by run.
 *
 * <pre>
 * BenchMain [--quick] [--runs N] [--scenarios a,b,c] [--servers afterhours,asterisk-java-default,...]
 *           [--generator-threads N] [--jfr] [--server-jvm-options "-Dx=y ..."] [--warmup SECONDS] [--held-warmup-calls N]
 *           [--out DIR]
 * </pre>
 * Scenarios d, e and f (issue 15: the product as shipped) are {@link ShippedBench}'s; they run after a, b and c when
 * both are asked for, and take their own options (BENCHMARKS.md).
 */
public final class BenchMain {
    private static final double MB = 1e6;
    private static final double KB = 1e3;
    private static final int WARMUP_CALLS = 20;
    private final int heldWarmupCalls;

    private final boolean quick;
    private final int runs;
    private final List<Scenario> scenarios;
    private final List<String> shippedScenarios = new ArrayList<>();
    private final Map<String, String> options;
    private final List<ServerKind> servers;
    private final int generatorThreads;
    private final boolean jfr;
    private final List<String> extraServerOptions;
    private final Path out;
    private final PrintStream progress = System.err;
    private final Map<ServerKind, List<String>> dialogues = new EnumMap<>(ServerKind.class);
    private Map<String, Long> lastSocketErrors = Map.of();

    private BenchMain(Map<String, String> options) {
        this.options = options;
        quick = options.containsKey("quick");
        runs = Integer.parseInt(options.getOrDefault("runs", quick ? "1" : "3"));
        scenarios = new ArrayList<>();
        for (String id : options.getOrDefault("scenarios", "a,b,c").split(",")) {
            if (Set.of("d", "e", "f").contains(id.trim())) {
                shippedScenarios.add(id.trim());
                continue;
            }
            Scenario scenario = switch (id.trim()) {
                case "a" -> Scenario.throughput(quick);
                case "b" -> Scenario.held(quick);
                case "c" -> Scenario.latency(quick);
                default -> throw new IllegalArgumentException("no scenario '" + id + "' (a, b, c, d, e or f)");
            };
            if (options.containsKey("warmup")) {
                scenario = scenario.withWarmup(Duration.ofSeconds(Long.parseLong(options.get("warmup"))));
            }
            scenarios.add(scenario);
        }
        servers = Arrays.stream(options.getOrDefault("servers",
                        "afterhours,asterisk-java-default,asterisk-java-10000,netty-ceiling").split(","))
                .map(s -> ServerKind.byId(s.trim())).toList();
        generatorThreads = Integer.parseInt(options.getOrDefault("generator-threads", "2"));
        jfr = options.containsKey("jfr");
        heldWarmupCalls = Integer.parseInt(options.getOrDefault("held-warmup-calls", Integer.toString(WARMUP_CALLS)));
        String extra = options.getOrDefault("server-jvm-options", "").trim();
        extraServerOptions = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
        out = Path.of(options.getOrDefault("out", "target/bench/results"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = name.equals("quick") || name.equals("jfr") || name.equals("keep-data");
            options.put(name, flag ? "" : args[++i]);
        }
        new BenchMain(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        // The shipped scenarios' settings are checked before anything runs, so that a typo fails at once.
        ShippedBench shipped = shippedScenarios.isEmpty() ? null : new ShippedBench(options, out);
        if (!scenarios.isEmpty()) {
            runTransport();
        }
        if (shipped != null) {
            shipped.run(shippedScenarios, System.out);
        }
    }

    /** Scenarios a, b and c: the FastAGI transport alone, side by side with asterisk-java and the ceiling. */
    private void runTransport() throws Exception {
        Files.createDirectories(out.resolve("logs"));
        Files.deleteIfExists(out.resolve("runs.tsv"));
        if (jfr) {
            Files.createDirectories(out.resolve("jfr"));
        }
        Instant started = Instant.now();
        PrintStream table = System.out;
        table.println("## afterhours FastAGI benchmark" + (quick ? " (quick mode: 1 run, smaller and shorter)" : ""));
        table.println();
        table.println("- started " + started.truncatedTo(ChronoUnit.SECONDS) + ", " + runs + " run(s) per scenario"
                + " and server, medians shown; ratios are the median of the ratios taken within each run");
        table.println("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + String.format(Locale.ROOT, "%.1f", memTotalBytes() / Math.pow(1024, 3)) + " GiB memory, kernel "
                + read("/proc/sys/kernel/osrelease") + ", JDK " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        table.println("- every server in its own JVM: " + String.join(" ", serverJvmOptions("x")
                .stream().filter(o -> !o.startsWith("-XX:StartFlightRecording")).toList())
                + "; generator in the runner's JVM on " + generatorThreads + " netty NIO threads; all over 127.0.0.1");
        table.println("- load average at start: " + read("/proc/loadavg"));
        table.println();

        Map<Scenario, Map<ServerKind, List<Metrics>>> results = new LinkedHashMap<>();
        // (a) and (c) share a server JVM per run, (a) first: its long warm-up is (c)'s too. (b) gets a fresh one,
        // so that its heap holds nothing but the held calls.
        List<Scenario> steady = scenarios.stream().filter(sc -> !sc.held()).toList();
        List<Scenario> held = scenarios.stream().filter(Scenario::held).toList();
        for (Scenario scenario : scenarios) {
            results.put(scenario, new EnumMap<>(ServerKind.class));
        }
        for (List<Scenario> group : List.of(steady, held)) {
            if (group.isEmpty()) {
                continue;
            }
            for (int r = 1; r <= runs; r++) {
                for (int i = 0; i < servers.size(); i++) {
                    // Each run starts with a different server, so no server always runs first or last.
                    ServerKind kind = servers.get((i + r - 1) % servers.size());
                    String name = group.stream().map(Scenario::id).reduce("", String::concat) + "-" + kind.id
                            + "-run" + r;
                    try (ServerProcess server = ServerProcess.launch(kind, serverJvmOptions(name),
                            out.resolve("logs").resolve(name + ".log"))) {
                        for (Scenario scenario : group) {
                            Metrics m = scenario.held() ? held(scenario, server) : steady(scenario, server);
                            record(results.get(scenario), scenario, kind, r, m);
                        }
                    }
                }
            }
        }
        for (Scenario scenario : scenarios) {
            printTable(table, scenario, results.get(scenario));
        }
        printTargets(table, results);
        printDialogues(table);
        table.println("- load average at end: " + read("/proc/loadavg") + "; wall time "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    private void record(Map<ServerKind, List<Metrics>> byServer, Scenario scenario, ServerKind kind, int run,
                        Metrics m) throws IOException {
        byServer.computeIfAbsent(kind, k -> new ArrayList<>()).add(m);
        Files.writeString(out.resolve("runs.tsv"), scenario.id() + "\t" + kind.id + "\t" + run + "\t" + m.all()
                + "\t" + lastSocketErrors + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        progress.printf(Locale.ROOT, "[%s run %d/%d] %-22s %s%s%n", scenario.id(), run, runs, kind.id, m.all(),
                lastSocketErrors.isEmpty() ? "" : " generator saw: " + lastSocketErrors);
    }

    private List<String> serverJvmOptions(String name) {
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC"));
        options.addAll(extraServerOptions);
        if (jfr) {
            options.add("-XX:StartFlightRecording=filename=" + out.resolve("jfr").resolve(name + ".jfr")
                    + ",settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=1ms,dumponexit=true");
        }
        return options;
    }

    /** (a) and (c): a closed loop of calls; figures from a window after the warm-up. */
    private Metrics steady(Scenario scenario, ServerProcess server) throws Exception {
        LoadGenerator.Window w;
        ServerStats live;
        ServerStats afterGc;
        long serverCpu;
        long generatorCpu;
        long machineCpu;
        long others;
        long serverJit;
        long serverGc;
        try (LoadGenerator generator = new LoadGenerator(server.agiPort(), scenario.profile(), generatorThreads)) {
            generator.start();
            Thread.sleep(scenario.warmup().toMillis());
            ServerStats atStart = server.stats();
            long generatorCpuAtStart = ServerMain.cpuNanos();
            long machineAtStart = MachineCpu.busyNanos();
            Set<Long> ours = Set.of(ProcessHandle.current().pid(), server.pid());
            Map<Long, Long> othersAtStart = MachineCpu.otherProcesses(ours);
            generator.startWindow();
            Thread.sleep(scenario.measure().toMillis());
            w = generator.endWindow();
            lastSocketErrors = w.exceptions();
            generatorCpu = ServerMain.cpuNanos() - generatorCpuAtStart;
            machineCpu = MachineCpu.busyNanos() - machineAtStart;
            others = MachineCpu.between(othersAtStart, MachineCpu.otherProcesses(ours));
            live = server.stats();
            serverCpu = live.cpuNanos() - atStart.cpuNanos();
            serverJit = live.jitNanos() - atStart.jitNanos();
            serverGc = live.gcNanos() - atStart.gcNanos();
            afterGc = server.statsAfterGc(); // the calls in flight are still in flight
            generator.stopPlacing();
            generator.awaitIdle(Duration.ofSeconds(15));
            dialogues.putIfAbsent(server.kind(), generator.sampleDialogue());
        }
        long completed = w.count(CallOutcome.COMPLETED);
        return new Metrics()
                .put("calls/s", completed / w.seconds())
                .put("p50", Metrics.millis(w.roundTrips(), 50))
                .put("p99", Metrics.millis(w.roundTrips(), 99))
                .put("p99.9", Metrics.millis(w.roundTrips(), 99.9))
                .put("first p99", Metrics.millis(w.firstCommand(), 99))
                .put("errors", w.count(CallOutcome.DROPPED) + w.count(CallOutcome.PROTOCOL_ERROR)
                        + w.count(CallOutcome.CONNECT_FAILED))
                .put("refused", w.count(CallOutcome.REFUSED_BUSY) + w.count(CallOutcome.CLOSED_UNSERVED))
                .put("heap MB", afterGc.heapUsed() / MB)
                .put("heap live MB", live.heapUsed() / MB)
                .put("threads", live.threads())
                .put("rss MB", live.rss() / MB)
                .put("server cpu us/call", completed == 0 ? Double.NaN : serverCpu / 1e3 / completed)
                .put("server jit %", 100.0 * serverJit / serverCpu)
                .put("server gc %", 100.0 * serverGc / serverCpu)
                .put("generator cpu us/call", completed == 0 ? Double.NaN : generatorCpu / 1e3 / completed)
                .put("busy cores", machineCpu / (double) w.nanos())
                .put("others cores", others / (double) w.nanos());
    }

    /**
     * (b): a few calls to load the server's classes, the idle heap, then the held calls and the heap while all of them
     * are held. Only {@value #WARMUP_CALLS} warm-up calls: whatever a server keeps of a finished call for a while
     * (afterhours keeps each for 10 s, see BENCHMARKS.md) must not inflate the idle figure.
     */
    private Metrics held(Scenario scenario, ServerProcess server) throws Exception {
        LoadProfile fewCalls = new LoadProfile(heldWarmupCalls > 1_000 ? 50 : 2, Duration.ZERO, Duration.ZERO, Duration.ZERO, true,
                Duration.ofSeconds(1));
        try (LoadGenerator warm = new LoadGenerator(server.agiPort(), fewCalls, generatorThreads)) {
            warm.start();
            long deadline = System.nanoTime() + scenario.warmup().toNanos();
            while (warm.count(CallOutcome.COMPLETED) < heldWarmupCalls && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            warm.stopPlacing();
            warm.awaitIdle(Duration.ofSeconds(15));
            dialogues.putIfAbsent(server.kind(), warm.sampleDialogue());
        }
        ServerStats idle = server.statsAfterGc();
        LoadProfile profile = scenario.profile();
        int heldAtGc;
        ServerStats heldStats;
        LoadGenerator.Window w;
        boolean allEnded;
        try (LoadGenerator generator = new LoadGenerator(server.agiPort(), profile, generatorThreads)) {
            generator.startWindow();
            generator.start();
            long deadline = System.nanoTime() + profile.rampUp().plus(scenario.measure()).toNanos();
            while (System.nanoTime() < deadline
                    && !(generator.rampDone() && generator.live() == generator.holding())) {
                Thread.sleep(100);
            }
            heldAtGc = generator.holding();
            heldStats = server.statsAfterGc();
            allEnded = generator.awaitIdle(profile.holdTime().plus(profile.rampUp()).plusSeconds(30));
            w = generator.endWindow();
            lastSocketErrors = w.exceptions();
        }
        double perCall = heldAtGc == 0 ? Double.NaN : (heldStats.heapUsed() - idle.heapUsed()) / (double) heldAtGc;
        return new Metrics()
                .put("held", heldAtGc)
                .put("most held", w.maxHolding())
                .put("refused", w.count(CallOutcome.REFUSED_BUSY) + w.count(CallOutcome.CLOSED_UNSERVED))
                .put("connect failed", w.count(CallOutcome.CONNECT_FAILED))
                .put("dropped", w.count(CallOutcome.DROPPED) + w.count(CallOutcome.PROTOCOL_ERROR)
                        + (allEnded ? 0 : 1_000_000))
                .put("completed", w.count(CallOutcome.COMPLETED))
                .put("heap idle MB", idle.heapUsed() / MB)
                .put("heap held MB", heldStats.heapUsed() / MB)
                .put("heap/call KB", perCall / KB)
                .put("threads idle", idle.threads())
                .put("threads held", heldStats.threads())
                .put("rss idle MB", idle.rss() / MB)
                .put("rss held MB", heldStats.rss() / MB)
                .put("p99 before hold", Metrics.millis(w.beforeHold(), 99))
                .put("p99.9 before hold", Metrics.millis(w.beforeHold(), 99.9))
                .put("first p99", Metrics.millis(w.firstCommand(), 99));
    }

    // ---- the tables ----

    /** A column of medians; with {@code inParentheses}, a second figure beside the first: {@code 1.93 (0.12)}. */
    private record Column(String header, String metric, int decimals, String inParentheses) {
        Column(String header, String metric, int decimals) {
            this(header, metric, decimals, null);
        }

        String cell(List<Metrics> runs) {
            String first = format(Metrics.median(runs, metric), decimals);
            return inParentheses == null ? first
                    : first + " (" + format(Metrics.median(runs, inParentheses), decimals) + ")";
        }
    }

    private void printTable(PrintStream table, Scenario scenario, Map<ServerKind, List<Metrics>> byServer) {
        List<Column> columns = switch (scenario.id()) {
            case "b" -> List.of(new Column("held at once", "held", 0), new Column("refused", "refused", 0),
                    new Column("connect failed", "connect failed", 0), new Column("dropped", "dropped", 0),
                    new Column("completed", "completed", 0), new Column("heap idle MB", "heap idle MB", 1),
                    new Column("heap held MB", "heap held MB", 1), new Column("heap per held call KB",
                            "heap/call KB", 2), new Column("threads held", "threads held", 0),
                    new Column("RSS held MB", "rss held MB", 0), new Column("p99 before hold ms",
                            "p99 before hold", 3), new Column("p99.9 before hold ms", "p99.9 before hold", 3),
                    new Column("first command p99 ms", "first p99", 3));
            default -> List.of(new Column("calls/s", "calls/s", 0), new Column("round trip p50 ms", "p50", 3),
                    new Column("p99 ms", "p99", 3), new Column("p99.9 ms", "p99.9", 3),
                    new Column("first command p99 ms", "first p99", 3), new Column("errors", "errors", 0),
                    new Column("refused", "refused", 0), new Column("heap after GC MB", "heap MB", 1),
                    new Column("threads", "threads", 0), new Column("RSS MB", "rss MB", 0),
                    new Column("server CPU µs/call", "server cpu us/call", 0),
                    new Column("generator CPU µs/call", "generator cpu us/call", 0),
                    new Column("cores busy (other processes, at least)", "busy cores", 2, "others cores"));
        };
        String perRun = scenario.held() ? "held" : "calls/s";
        String ratioHeader = switch (scenario.id()) {
            case "a" -> "afterhours calls/s ÷ this";
            case "b" -> "this heap per call ÷ afterhours";
            default -> "this p99 ÷ afterhours p99";
        };
        table.println("### " + scenario.title());
        table.println();
        StringBuilder header = new StringBuilder("| server |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Column c : columns) {
            header.append(' ').append(c.header()).append(" |");
            rule.append(" ---: |");
        }
        header.append(' ').append(ratioHeader).append(" | ").append(perRun).append(" per run |");
        rule.append(" ---: | ---: |");
        table.println(header);
        table.println(rule);
        List<Metrics> ours = byServer.get(ServerKind.AFTERHOURS);
        for (ServerKind kind : servers) {
            List<Metrics> theirs = byServer.get(kind);
            if (theirs == null) {
                continue;
            }
            StringBuilder row = new StringBuilder("| ").append(kind.description).append(" |");
            for (Column c : columns) {
                row.append(' ').append(c.cell(theirs)).append(" |");
            }
            double ratio = ours == null ? Double.NaN : switch (scenario.id()) {
                case "a" -> Metrics.medianRatio(ours, "calls/s", theirs, "calls/s");
                case "b" -> Metrics.medianRatio(theirs, "heap/call KB", ours, "heap/call KB");
                default -> Metrics.medianRatio(theirs, "p99", ours, "p99");
            };
            row.append(' ').append(format(ratio, 2)).append(" | ");
            row.append(String.join(" / ", theirs.stream().map(m -> format(m.get(perRun), 0)).toList()))
                    .append(" |");
            table.println(row);
        }
        table.println();
    }

    private void printTargets(PrintStream table, Map<Scenario, Map<ServerKind, List<Metrics>>> results) {
        table.println("### afterhours against the targets of issue 6");
        table.println();
        table.println("| scenario | target | measured (median) | met |");
        table.println("| --- | --- | ---: | --- |");
        for (var entry : results.entrySet()) {
            Map<ServerKind, List<Metrics>> byServer = entry.getValue();
            List<Metrics> ours = byServer.get(ServerKind.AFTERHOURS);
            if (ours == null) {
                continue;
            }
            switch (entry.getKey().id()) {
                case "a" -> {
                    target(table, "a", "≥ 3 × asterisk-java default-pool calls/s", byServer,
                            ServerKind.ASTERISK_JAVA_DEFAULT, ours, 3);
                    target(table, "a", "≥ 70 % of the ceiling's calls/s", byServer, ServerKind.NETTY_CEILING, ours,
                            0.7);
                }
                case "b" -> {
                    int wanted = entry.getKey().profile().concurrency();
                    double held = Metrics.median(ours, "held");
                    double refused = Metrics.median(ours, "refused");
                    double perCall = Metrics.median(ours, "heap/call KB");
                    double p99 = Metrics.median(ours, "p99 before hold");
                    row(table, "b", wanted + " calls held at once", format(held, 0), held >= wanted);
                    row(table, "b", "none refused", format(refused, 0), refused == 0);
                    row(table, "b", "heap per held call ≤ 25 KB", format(perCall, 2) + " KB", perCall <= 25);
                    row(table, "b", "p99 round trip ≤ 5 ms", format(p99, 3) + " ms", p99 <= 5);
                }
                default -> {
                    double p99 = Metrics.median(ours, "p99");
                    row(table, "c", "p99 round trip ≤ 2 ms", format(p99, 3) + " ms", p99 <= 2);
                }
            }
        }
        table.println();
    }

    private static void target(PrintStream table, String scenario, String what,
                               Map<ServerKind, List<Metrics>> byServer, ServerKind peer, List<Metrics> ours,
                               double factor) {
        List<Metrics> theirs = byServer.get(peer);
        if (theirs == null) {
            row(table, scenario, what, "not run", false);
            return;
        }
        double ratio = Metrics.medianRatio(ours, "calls/s", theirs, "calls/s");
        row(table, scenario, what, format(ratio, 2) + " ×", ratio >= factor);
    }

    private static void row(PrintStream table, String scenario, String target, String measured, boolean met) {
        table.println("| (" + scenario + ") | " + target + " | " + measured + " | " + (met ? "yes" : "**no**")
                + " |");
    }

    private void printDialogues(PrintStream table) {
        if (dialogues.isEmpty()) {
            return;
        }
        table.println("### The call each server played (the first call of its first run: `>` server, `<` generator)");
        table.println();
        for (var entry : dialogues.entrySet()) {
            table.println(entry.getKey().description + ":");
            table.println("```");
            entry.getValue().forEach(table::println);
            table.println("```");
        }
        table.println();
    }

    static String format(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static long memTotalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
