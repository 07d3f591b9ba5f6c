package org.afterhours.db;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded mariadbd and starts it again when it dies (killed, crashed, out of memory), with a backoff
 * of 1 s doubling to 30 s between failed tries. Calls never notice: their events wait in the journal, and the
 * connection pool reconnects to the same port once the server is back.
 */
final class EmbeddedServerSupervisor {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServerSupervisor.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final EmbeddedMariaDb server;
    private final Thread thread;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean up = true;

    private EmbeddedServerSupervisor(EmbeddedMariaDb server) {
        this.server = server;
        this.thread = Thread.ofPlatform().name("embedded-mariadb-supervisor").daemon(true).unstarted(this::watch);
    }

    static EmbeddedServerSupervisor start(EmbeddedMariaDb server) {
        EmbeddedServerSupervisor supervisor = new EmbeddedServerSupervisor(server);
        supervisor.thread.start();
        return supervisor;
    }

    /** False from the moment mariadbd died until it is ready again. */
    boolean isUp() {
        return up;
    }

    /** How many times mariadbd was started again since this server started. */
    int restarts() {
        return restarts.get();
    }

    /** Stops watching: the server is about to stop mariadbd itself. */
    void stop() {
        stopping = true;
        thread.interrupt();
    }

    private void watch() {
        try {
            while (!stopping) {
                OptionalLong pid = server.pid();
                if (pid.isEmpty()) {
                    restartAfter("is not running", -1);
                    continue;
                }
                ProcessHandle process = ProcessHandle.of(pid.getAsLong()).orElse(null);
                if (process != null) {
                    process.onExit().get();
                }
                if (!stopping) {
                    restartAfter("died", pid.getAsLong());
                }
            }
        } catch (InterruptedException stopped) {
            // the server is stopping
        } catch (ExecutionException e) {
            log.error("cannot watch the embedded MariaDB any more; it will not be restarted if it dies", e);
        }
    }

    private void restartAfter(String what, long pid) throws InterruptedException {
        up = false;
        long downSince = System.nanoTime();
        log.error("DATABASE DOWN: embedded MariaDB{} {}; calls go on, their events wait in the journal; restarting it",
                pid < 0 ? "" : " (pid " + pid + ")", what);
        Duration backoff = BACKOFF.first();
        for (int attempt = 1; !stopping; attempt++) {
            try {
                server.restart();
                restarts.incrementAndGet();
                up = true;
                log.warn("DATABASE UP: embedded MariaDB restarted (pid {}) after {} ms and {} attempt(s); the "
                                + "journal's backlog is being written", server.pid().orElse(-1),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince), attempt);
                return;
            } catch (DatabaseException e) {
                log.error("embedded MariaDB restart attempt {} failed ({}); next try in {} s", attempt,
                        e.getMessage(), backoff.toSeconds());
            }
            Thread.sleep(backoff);
            backoff = BACKOFF.after(backoff);
        }
    }
}
