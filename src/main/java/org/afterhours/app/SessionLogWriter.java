package org.afterhours.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.afterhours.agi.server.AgiSessionInfo;
import org.afterhours.agi.server.SessionListener;
import org.afterhours.agi.server.SessionOutcome;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.JournalWriter;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.AgiSessionRepository;
import org.afterhours.db.JdbcSessionLogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code agi_session} row per FastAGI session, written like the call log: each start and end is appended to the
 * node's session journal (fsync'd) and a writer puts it into MariaDB in the background, retrying while the database
 * is down, so a row survives an outage and a restart. The append runs on one thread of its own, in order (a
 * session's end never overtakes its start), because the listener may be called on a netty event loop, which must
 * never wait for a disk.
 */
final class SessionLogWriter implements SessionListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLogWriter.class);
    /** A session is not a call: it has no reference number. */
    private static final ReferenceNumber NO_REFERENCE = new ReferenceNumber("0");

    private final CallJournal journal;
    private final JournalWriter writer;
    private final ExecutorService appender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("session-log").daemon(true).factory());

    SessionLogWriter(AgiSessionRepository repository, Path journalDirectory) {
        this.journal = CallJournal.open(journalDirectory);
        this.writer = JournalWriter.start(journal, new JdbcSessionLogStore(repository));
    }

    @Override
    public void sessionStarted(AgiSessionInfo s) {
        append(s.id(), 1, s.startedAt(), CallEventType.SESSION_STARTED, Map.of("uniqueId", text(s.request().uniqueId()),
                "script", text(s.request().scriptPath()), "channel", text(s.request().channelName()),
                "callerNumber", text(s.request().callerIdNumber()), "callerName", text(s.request().callerIdName()),
                "dialled", text(s.request().dialledNumber()), "remote", text(s.remoteAddress())));
    }

    @Override
    public void sessionEnded(AgiSessionInfo s, Instant endedAt, SessionOutcome outcome, String detail) {
        append(s.id(), 2, endedAt, CallEventType.SESSION_ENDED,
                Map.of("outcome", outcome.name(), "detail", text(detail)));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private void append(String sessionId, int sequence, Instant at, CallEventType type, Map<String, String> row) {
        try {
            appender.execute(() -> {
                try {
                    journal.append(new CallEvent(sessionId, NO_REFERENCE, sequence, at, type, row));
                } catch (RuntimeException e) {
                    log.error("[{}] session row not kept: {}", sessionId, e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopped) {
            log.error("[{}] session row not kept: the session log has stopped", sessionId);
        }
    }

    /** Session rows not yet in the database. */
    int backlog() {
        return journal.pendingCount();
    }

    /** Appends what is queued, writes what it can within a few seconds; the rest waits in the journal. */
    @Override
    public void close() throws InterruptedException {
        appender.shutdown();
        if (!appender.awaitTermination(10, TimeUnit.SECONDS)) {
            appender.shutdownNow();
            log.warn("session log stopped with rows still queued");
        }
        writer.close();
        journal.close();
    }
}
