package org.afterhours.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.afterhours.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the node every few seconds, keeps {@code <data>/status} current for {@code afterhours status}, and while
 * anything is degraded logs one status line a minute (and one line when it is healthy again), instead of every
 * failed write logging its own.
 */
final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final Database database;
    private final Supplier<String> ami;
    private final IntSupplier journalBacklog;
    private final IntSupplier liveCalls;
    private final Path statusFile;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("health").daemon(true).factory());
    private volatile Health last;
    private Instant lastLogged;
    private boolean wasDegraded;

    HealthMonitor(Database database, Supplier<String> ami, IntSupplier journalBacklog, IntSupplier liveCalls,
                  Path statusFile, Clock clock) {
        this.database = database;
        this.ami = ami;
        this.journalBacklog = journalBacklog;
        this.liveCalls = liveCalls;
        this.statusFile = statusFile;
        this.clock = clock;
    }

    HealthMonitor start() {
        check();
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    Health health() {
        return last;
    }

    /** One look: the status file rewritten, a line logged when the state changed or a minute of degradation passed. */
    synchronized void check() {
        try {
            Health now = measure();
            last = now;
            writeStatus(now);
            boolean degraded = now.degraded();
            if (degraded && (!wasDegraded || !now.at().isBefore(lastLogged.plus(LOG_EVERY)))) {
                log.warn("status {}", now.line());
                lastLogged = now.at();
            } else if (!degraded && wasDegraded) {
                log.info("status {}", now.line());
            }
            wasDegraded = degraded;
        } catch (RuntimeException e) {
            log.warn("health check failed: {}", e.getMessage());
        }
    }

    private Health measure() {
        boolean up = databaseAnswers();
        String restarts = database.isEmbedded() && database.embeddedServerRestarts() > 0
                ? " (embedded, restarted " + database.embeddedServerRestarts() + " time(s))" : "";
        return new Health(clock.instant(), ProcessHandle.current().pid(), up, (up ? "UP" : "DOWN") + restarts,
                ami.get(), journalBacklog.getAsInt(), liveCalls.getAsInt());
    }

    private boolean databaseAnswers() {
        try (Connection c = database.dataSource().getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void writeStatus(Health health) {
        try {
            Files.createDirectories(statusFile.toAbsolutePath().getParent());
            Path temporary = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
            Files.writeString(temporary, health.toProperties(), StandardCharsets.UTF_8);
            Files.move(temporary, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write the status file {}: {}", statusFile, e.getMessage());
        }
    }

    /** Stops checking and removes the status file: a stopped node has no status. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(statusFile);
        } catch (IOException e) {
            log.warn("cannot remove the status file {}: {}", statusFile, e.getMessage());
        }
    }
}
