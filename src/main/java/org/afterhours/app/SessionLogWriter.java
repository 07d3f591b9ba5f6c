package org.afterhours.app;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.afterhours.agi.server.AgiSessionInfo;
import org.afterhours.agi.server.SessionListener;
import org.afterhours.agi.server.SessionOutcome;
import org.afterhours.db.AgiSessionRecord;
import org.afterhours.db.AgiSessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one row per AGI session, off the call's thread: a call never waits for the database. Writes go through one
 * ordered queue (a session's end never overtakes its start) and are retried with backoff while the database is
 * down; both writes are idempotent, so a retry after an unclear failure cannot duplicate a row.
 *
 * <p>The queue lives in memory: rows still queued when the process dies are lost. The durable journal that closes
 * that gap is the call log's (see DESIGN.md, Threading).
 */
final class SessionLogWriter implements SessionListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLogWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final AgiSessionRepository repository;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("session-log").daemon(true).factory());
    private volatile boolean closing;
    private boolean retrying; // only the writer thread reads and writes it

    SessionLogWriter(AgiSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void sessionStarted(AgiSessionInfo s) {
        AgiSessionRecord record = new AgiSessionRecord(s.id(), s.request().uniqueId(), s.request().scriptPath(),
                s.request().channelName(), s.request().callerIdNumber(), s.request().callerIdName(),
                s.request().dialledNumber(), s.remoteAddress(), s.startedAt(), null, null, null);
        submit(s.id(), "start", () -> repository.recordStart(record));
    }

    @Override
    public void sessionEnded(AgiSessionInfo s, Instant endedAt, SessionOutcome outcome, String detail) {
        submit(s.id(), "end", () -> repository.recordEnd(s.id(), endedAt, outcome.name(), detail));
    }

    private void submit(String sessionId, String what, Runnable write) {
        try {
            writer.execute(() -> writeWithRetry(sessionId, what, write));
        } catch (RejectedExecutionException stopped) {
            log.error("[{}] session {} not logged: the log writer has stopped", sessionId, what);
        }
    }

    private void writeWithRetry(String sessionId, String what, Runnable write) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        Duration backoff = Duration.ofMillis(250);
        while (true) {
            try {
                write.run();
                if (retrying) {
                    log.info("session rows are logged again");
                    retrying = false;
                }
                return;
            } catch (RuntimeException e) {
                if (closing || System.nanoTime() > deadline) {
                    log.error("[{}] session {} not logged, giving up: {}", sessionId, what, e.getMessage());
                    return;
                }
                // Said once per outage: the minute's status line tells the rest.
                if (!retrying) {
                    log.warn("session rows not logged yet ({}); retrying with backoff", e.getMessage());
                    retrying = true;
                }
                log.debug("[{}] session {} not logged yet; retrying in {} ms", sessionId, what, backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Finishes what is queued (up to a few seconds), then stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
            closing = true;
            writer.shutdownNow();
            log.warn("session log writer stopped with writes still queued");
        }
    }
}
