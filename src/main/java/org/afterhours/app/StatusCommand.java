package org.afterhours.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", description = "Health of the server running on this data folder: database, AMI, journal "
        + "backlog, live calls. Exit code 0 healthy, 1 degraded, 3 not running.")
final class StatusCommand implements Callable<Integer> {
    static final int HEALTHY = 0;
    static final int DEGRADED = 1;
    static final int NOT_RUNNING = 3;
    /** The server rewrites the file every few seconds; older than this, it has stopped or hangs. */
    private static final Duration STALE_AFTER = HealthMonitor.CHECK_EVERY.multipliedBy(6);

    @Option(names = "--config", description = "properties file (default: ${DEFAULT-VALUE})",
            defaultValue = "config/afterhours.properties")
    Path config;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        Path dataDir = AfterhoursConfig.load(config, System.getenv()).dataDir();
        return report(dataDir.resolve("status"), clock, spec.commandLine().getOut());
    }

    static int report(Path statusFile, Clock clock, PrintWriter out) throws IOException {
        String text;
        try {
            text = Files.readString(statusFile);
        } catch (NoSuchFileException e) {
            out.println("not running: no " + statusFile);
            return NOT_RUNNING;
        }
        Health health = Health.parse(text);
        boolean alive = ProcessHandle.of(health.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive || !health.freshAt(clock.instant(), STALE_AFTER)) {
            out.println("not running: " + statusFile + " was last written at " + health.at() + " by pid "
                    + health.pid() + (alive ? ", which has stopped checking" : ", which is gone"));
            return NOT_RUNNING;
        }
        out.println(health.line());
        out.println(String.join("\n", Map.of("database", health.database(), "ami", health.ami(),
                "journal backlog", Integer.toString(health.journalBacklog()), "live calls",
                Integer.toString(health.liveCalls())).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "  " + e.getKey() + ": " + e.getValue()).toList()));
        out.flush();
        return health.degraded() ? DEGRADED : HEALTHY;
    }
}
