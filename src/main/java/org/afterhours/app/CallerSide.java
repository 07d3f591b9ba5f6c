package org.afterhours.app;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.afterhours.callflow.AfterHoursScript;
import org.afterhours.callflow.TechnicianConnector;
import org.afterhours.callflow.VoicemailAlerts;
import org.afterhours.calllog.BlockReferenceNumbers;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.JournalWriter;
import org.afterhours.db.Database;
import org.afterhours.db.JdbcCallLogStore;
import org.afterhours.db.JdbcReferenceBlockSource;
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
    private final ExecutorService background;
    private final AfterHoursScript script;

    private CallerSide(CallJournal journal, JournalWriter writer, ExecutorService background, AfterHoursScript script) {
        this.journal = journal;
        this.writer = writer;
        this.background = background;
        this.script = script;
    }

    static CallerSide start(AfterhoursConfig config, Database database, RuleBook rules,
                            TechnicianConnector technicians, AfterCallSide afterCall, Clock clock) {
        CallJournal journal = CallJournal.open(config.dataDir().resolve("journal"));
        // Each event reaches MariaDB with the deadlines it starts (a message's clock, a follow-up) in one transaction.
        JournalWriter writer = JournalWriter.start(journal, new JdbcCallLogStore(database.dataSource(),
                afterCall.obligations(), afterCall.scheduled()));
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        BlockReferenceNumbers references = new BlockReferenceNumbers(
                new JdbcReferenceBlockSource(database.dataSource(), "node-" + config.nodeId(), clock),
                config.dataDir().resolve("offline-reference-counter"), config.nodeId(), background);
        AfterHoursScript script = new AfterHoursScript(rules, references, journal, config.flow(),
                technicians, LOGGED_VOICEMAIL_ALERTS, clock);
        return new CallerSide(journal, writer, background, script);
    }

    AfterHoursScript script() {
        return script;
    }

    /**
     * Every new message is also a WARN line at once, on the caller's node, even while the database is down: the
     * notices themselves go out from the due table once the message's event has reached it.
     */
    private static final VoicemailAlerts LOGGED_VOICEMAIL_ALERTS = (reference, line, path, urgent) ->
            log.warn("{}voicemail for line {} (reference {}) at {}: a technician must respond within one hour",
                    urgent ? "URGENT " : "", line.id(), reference, path);

    @Override
    public void close() throws InterruptedException {
        writer.close();
        journal.close();
        background.close();
    }
}
