package org.afterhours.app;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.afterhours.callflow.AfterHoursScript;
import org.afterhours.callflow.OptionalPrompts;
import org.afterhours.callflow.TechnicianConnector;
import org.afterhours.callflow.VoicemailAlerts;
import org.afterhours.calllog.BlockReferenceNumbers;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.CutOffCalls;
import org.afterhours.calllog.JournalWriter;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.Database;
import org.afterhours.db.JdbcCallLogStore;
import org.afterhours.db.JdbcReferenceBlockSource;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the caller's side: the call journal in the data folder and its writer to MariaDB, reference numbers, and
 * the after-hours script over the rule book.
 */
final class CallerSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallerSide.class);

    private final CallJournal journal;
    private final JournalWriter writer;
    /** Closes the calls a dead run of this node left open, once its events are written. */
    private final CutOffCalls cutOff;
    private final Thread cutOffThread;
    private final ExecutorService background;
    private final AfterHoursScript script;

    private CallerSide(CallJournal journal, JournalWriter writer, CutOffCalls cutOff, Thread cutOffThread,
                       ExecutorService background, AfterHoursScript script) {
        this.journal = journal;
        this.writer = writer;
        this.cutOff = cutOff;
        this.cutOffThread = cutOffThread;
        this.background = background;
        this.script = script;
    }

    /** The first calls after a start get numbers from the database, not the offline range, when it answers. */
    private static void awaitFirstBlock(BlockReferenceNumbers references) {
        try {
            if (!references.awaitFirstBlock(java.time.Duration.ofSeconds(10))) {
                log.warn("no block of reference numbers from the database yet: calls get numbers of this node's"
                        + " offline range until one arrives");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static CallerSide start(AfterhoursConfig config, Database database, RuleBook rules,
                            TechnicianConnector technicians, AfterCallSide afterCall, Clock clock,
                            OptionalPrompts optionalPrompts) {
        CallJournal journal = CallJournal.open(config.dataDir().resolve("journal"), "node-" + config.nodeId());
        // Each event reaches MariaDB with the deadlines it starts (a message's clock, a follow-up) in one transaction.
        JdbcCallLogStore store = new JdbcCallLogStore(database.dataSource(), afterCall.obligations(),
                afterCall.scheduled());
        JournalWriter writer = JournalWriter.start(journal, store);
        CutOffCalls cutOff = new CutOffCalls(journal, store, new FollowedUpCutOffCalls(new LoggedCutOffCalls(),
                afterCall.followUps()), clock);
        Thread cutOffThread = cutOff.startInBackground();
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        BlockReferenceNumbers references = new BlockReferenceNumbers(
                new JdbcReferenceBlockSource(database.dataSource(), "node-" + config.nodeId(), clock),
                config.dataDir().resolve("offline-reference-counter"), config.nodeId(), background, clock);
        awaitFirstBlock(references);
        AfterHoursScript script = new AfterHoursScript(rules, references, journal, config.flow(),
                technicians, new Alerts(), clock,
                optionalPrompts);
        return new CallerSide(journal, writer, cutOff, cutOffThread, background, script);
    }

    AfterHoursScript script() {
        return script;
    }

    /** Call events in the journal not yet in the database. */
    int journalBacklog() {
        return journal.pendingCount();
    }

    /**
     * Every new message is also a log line at once (WARN when urgent, INFO otherwise, so that a busy night does not
     * flood the log), on the caller's node, even while the database is down: the notices themselves go out from the
     * due table once the message's event has reached it. A failed recording is an ERROR line at once; the written
     * alert to the managers (escalation.alert-roles) goes out from the due table too (RECORDING_FAILED_ALERT).
     */
    private record Alerts() implements VoicemailAlerts {
        @Override
        public void voicemailLeft(ReferenceNumber reference, Line line, String path, boolean urgent) {
            if (urgent) {
                log.warn("URGENT voicemail for line {} (reference {}) at {}: a technician must respond within one "
                        + "hour", line.id(), reference, path);
            } else {
                log.info("voicemail for line {} (reference {}) at {}: a technician must respond within one hour",
                        line.id(), reference, path);
            }
        }

        @Override
        public void recordingFailed(ReferenceNumber reference, Line line, String path, String reason) {
            log.error("ALERT managers: a message on line {} (reference {}) could not be recorded to {} ({}): fix the"
                    + " recording folder on the Asterisk host; the message was taken elsewhere (see the call's"
                    + " record)", line.id(), reference, path, reason);
        }
    }

    @Override
    public void close() throws InterruptedException {
        cutOff.stop();
        cutOffThread.join();
        writer.close();
        journal.close();
        background.close();
    }
}
