package org.afterhours.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.CallLogStore;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.calllog.JournalWriter;
import org.afterhours.calllog.ReferenceNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call log reaches MariaDB exactly once per event, whatever happens between the journal and the database:
 * an outage while calls go on, a crash after the database committed but before the journal knew.
 */
@Tag("clock")
class CallLogStoreTest {
    private static final int CALLS = 200;
    private static final int EVENTS_PER_CALL = 10;

    @TempDir
    Path journalDirectory;

    private final DataSource database = TestDatabases.shared().dataSource();
    private final OutageSwitch outage = new OutageSwitch(database);
    private final List<String> references = new ArrayList<>();
    private final int firstReference = 1_000_000 + ThreadLocalRandom.current().nextInt(7_000_000);

    @AfterEach
    void deleteOurRows() throws SQLException {
        try (Connection c = database.getConnection()) {
            for (String table : List.of("call_event", "call_record", "call_attempt")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                        + " WHERE reference BETWEEN ? AND ?")) {
                    s.setString(1, Integer.toString(firstReference));
                    s.setString(2, Integer.toString(firstReference + CALLS));
                    s.executeUpdate();
                }
            }
        }
    }

    @Test
    void every_event_of_200_calls_is_written_once_across_a_database_outage() throws Exception {
        try (CallJournal journal = CallJournal.open(journalDirectory);
             JournalWriter writer = JournalWriter.start(journal, new JdbcCallLogStore(outage))) {
            runCalls(journal, 0, CALLS / 2);
            outage.down.set(true);
            runCalls(journal, CALLS / 2, CALLS); // calls go on while the database is down
            await().atMost(Duration.ofSeconds(20)).until(() -> !writer.storeHealthy() || journal.pendingCount() == 0);
            outage.down.set(false);
            await().atMost(Duration.ofSeconds(60)).until(() -> journal.pendingCount() == 0);
        }
        assertEquals(CALLS * EVENTS_PER_CALL, count("call_event"));
        assertEquals(CALLS, count("call_record"));
        assertEquals(CALLS, countWhere("call_record", "ended_at IS NOT NULL AND outcome = 'VOICEMAIL'"
                + " AND voicemail_status = 'PENDING_RESPONSE' AND triage = 'NON_EMERGENCY'"));
    }

    @Test
    void a_crash_after_the_database_committed_but_before_the_journal_knew_writes_nothing_twice() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        CallLogStore diesAfterCommit = events -> {
            new JdbcCallLogStore(database).write(events);
            if (batches.incrementAndGet() == 1) {
                throw new IllegalStateException("process killed before the checkpoint");
            }
        };
        try (CallJournal journal = CallJournal.open(journalDirectory)) {
            runCalls(journal, 0, CALLS);
            JournalWriter writer = JournalWriter.start(journal, diesAfterCommit);
            await().atMost(Duration.ofSeconds(20)).until(() -> batches.get() >= 1);
            writer.close(); // the "dead" process: its journal on disk still says nothing is committed
        }
        assertTrue(count("call_event") > 0, "the first batch reached the database before the crash");
        try (CallJournal restarted = CallJournal.open(journalDirectory);
             JournalWriter writer = JournalWriter.start(restarted, new JdbcCallLogStore(database))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.pendingCount() == 0);
        }
        assertEquals(CALLS * EVENTS_PER_CALL, count("call_event"));
        assertEquals(CALLS, count("call_record"));
    }

    @Test
    void a_failure_inside_a_batch_rolls_the_whole_batch_back() throws Exception {
        ReferenceNumber reference = new ReferenceNumber(Integer.toString(firstReference));
        CallEvent started = new CallEvent(reference, 1, Instant.now(), CallEventType.CALL_STARTED,
                java.util.Map.of("line", "main", "businessHours", "false"));
        CallEvent bad = new CallEvent(reference, 2, Instant.now(), CallEventType.TRIAGED,
                java.util.Map.of("triage", "EMERGENCY"));
        CallLogStore store = new JdbcCallLogStore(outage);
        outage.failAfterConnections.set(0);
        try {
            store.write(List.of(started, bad));
        } catch (RuntimeException expected) {
            // the connection broke mid-batch
        }
        assertEquals(0, count("call_event"));
        outage.failAfterConnections.set(-1);
        store.write(List.of(started, bad));
        store.write(List.of(started, bad)); // a replay
        assertEquals(2, count("call_event"));
    }

    @Test
    void the_record_row_holds_what_the_console_shows_and_leaves_the_technicians_fields_empty() throws Exception {
        ReferenceNumber reference = new ReferenceNumber(Integer.toString(firstReference));
        references.add(reference.digits());
        Instant start = Instant.parse("2026-11-22T09:15:30.250Z");
        try (CallJournal journal = CallJournal.open(journalDirectory)) {
            CallRecorder call = new CallRecorder(reference, journal, Clock.fixed(start, ZoneOffset.UTC));
            call.record(CallEventType.CALL_STARTED, "line", "main", "dialled", "+19132016503",
                    "callerNumber", "+13125550142", "callerName", "Robert'); DROP TABLE call_record; --",
                    "uniqueId", "1795315065.6", "businessHours", "false");
            call.record(CallEventType.TRIAGED, "triage", "EMERGENCY", "reason", "chosen");
            call.record(CallEventType.VOICEMAIL_KEPT, "path", "/var/spool/asterisk/afterhours/x-1", "format", "wav",
                    "durationMillis", "12500", "urgent", "true");
            call.record(CallEventType.CALL_ENDED, "step", "GOODBYE", "outcome", "URGENT_VOICEMAIL");
            journal.flush(); // the syncer forces every few ms; a test reads at once
            new JdbcCallLogStore(database).write(journal.pending(100, Duration.ZERO).stream()
                    .map(org.afterhours.calllog.JournalEntry::event).toList());
        }
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM call_record WHERE reference = ?")) {
            s.setString(1, reference.digits());
            try (ResultSet row = s.executeQuery()) {
                assertTrue(row.next());
                assertEquals("main", row.getString("line_id"));
                assertEquals("Robert'); DROP TABLE call_record; --", row.getString("caller_id_name"));
                assertEquals("EMERGENCY", row.getString("triage"));
                assertEquals("URGENT_VOICEMAIL", row.getString("outcome"));
                assertEquals("GOODBYE", row.getString("final_step"));
                assertEquals(12500, row.getInt("voicemail_duration_ms"));
                assertTrue(row.getBoolean("voicemail_urgent"));
                assertFalse(row.getBoolean("business_hours"));
                assertEquals("PENDING_RESPONSE", row.getString("voicemail_status"));
                assertEquals(start, row.getObject("started_at", java.time.LocalDateTime.class)
                        .toInstant(ZoneOffset.UTC));
                assertNull(row.getString("summary"));
                assertNull(row.getString("resolution"));
                assertNull(row.getString("ticket_number"));
                assertNull(row.getString("completed_by"));
            }
        }
        assertEquals("{\"triage\": \"EMERGENCY\", \"reason\": \"chosen\"}",
                attributesOf(reference.digits(), 2));
    }

    @Test
    void a_message_handed_to_the_dialplans_box_is_on_record_there_and_owed_a_response() throws Exception {
        ReferenceNumber reference = new ReferenceNumber(Integer.toString(firstReference));
        try (CallJournal journal = CallJournal.open(journalDirectory)) {
            CallRecorder call = new CallRecorder(reference, journal,
                    Clock.fixed(Instant.parse("2026-11-22T09:15:30Z"), ZoneOffset.UTC));
            call.record(CallEventType.CALL_STARTED, "line", "main", "businessHours", "false");
            call.record(CallEventType.RECORDING_FAILED, "path", "/var/spool/asterisk/afterhours/x-1", "format", "wav",
                    "reason", "writefile");
            call.record(CallEventType.VOICEMAIL_HANDED_TO_DIALPLAN, "status", "VOICEMAIL", "mailbox", "200@support",
                    "path", "voicemail box 200@support", "urgent", "true");
            call.record(CallEventType.CALL_ENDED, "step", "VOICEMAIL", "outcome", "URGENT_VOICEMAIL");
            journal.flush(); // the syncer forces every few ms; a test reads at once
            new JdbcCallLogStore(database).write(journal.pending(100, Duration.ZERO).stream()
                    .map(org.afterhours.calllog.JournalEntry::event).toList());
        }
        assertEquals(1, countWhere("call_record", "voicemail_path = 'voicemail box 200@support'"
                + " AND voicemail_status = 'PENDING_RESPONSE' AND voicemail_urgent AND outcome = 'URGENT_VOICEMAIL'"));
        assertEquals(1, countWhere("call_event", "type = 'RECORDING_FAILED'"));
    }

    @Test
    void every_ring_of_an_emergency_becomes_an_attempt_row_and_the_record_says_who_accepted() throws Exception {
        ReferenceNumber reference = new ReferenceNumber(Integer.toString(firstReference));
        Instant start = Instant.parse("2026-11-22T09:15:30Z");
        try (CallJournal journal = CallJournal.open(journalDirectory)) {
            CallRecorder call = new CallRecorder(reference, journal, Clock.fixed(start, ZoneOffset.UTC));
            String ref = reference.digits();
            call.record(CallEventType.CALL_STARTED, "line", "main", "businessHours", "false");
            call.record(CallEventType.ATTEMPT_STARTED, "leg", ref + "-1", "person", "alice", "personName", "Alice",
                    "contact", "mobile", "dial", "PJSIP/+19135550101@trunk", "round", "1", "step", "1",
                    "target", "primary on call");
            call.record(CallEventType.ATTEMPT_ENDED, "leg", ref + "-1", "person", "alice", "outcome", "NO_ANSWER",
                    "key", "");
            call.record(CallEventType.ATTEMPT_ENDED, "leg", "", "person", "carol", "outcome", "SKIPPED_ENGAGED",
                    "key", "");
            call.record(CallEventType.ATTEMPT_STARTED, "leg", ref + "-2", "person", "bob", "personName", "Bob",
                    "contact", "mobile", "dial", "PJSIP/bob", "round", "1", "step", "2", "target", "secondary");
            call.record(CallEventType.ATTEMPT_ANSWERED, "leg", ref + "-2", "person", "bob");
            call.record(CallEventType.ATTEMPT_ENDED, "leg", ref + "-2", "person", "bob", "outcome", "ACCEPTED",
                    "key", "1");
            call.record(CallEventType.TECHNICIAN_ACCEPTED, "person", "bob", "personName", "Bob",
                    "afterMillis", "41000");
            call.record(CallEventType.ESCALATION_ENDED, "outcome", "ACCEPTED", "reason", "accepted by bob");
            call.record(CallEventType.CONVERSATION_ENDED, "talkMillis", "754000");
            journal.flush(); // the syncer forces every few ms; a test reads at once
            new JdbcCallLogStore(database).write(journal.pending(100, Duration.ZERO).stream()
                    .map(org.afterhours.calllog.JournalEntry::event).toList());
        }
        List<String> attempts = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT person_id, outcome, key_pressed, answered_at IS NOT NULL"
                     + " FROM call_attempt WHERE reference = ? ORDER BY started_at, leg_id")) {
            s.setString(1, reference.digits());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getBoolean(4));
                }
            }
        }
        assertEquals(List.of("alice NO_ANSWER null false", "bob ACCEPTED 1 true", "carol SKIPPED_ENGAGED null false"),
                attempts);
        assertEquals(1, countWhere("call_record", "accepted_by = 'bob' AND accepted_after_ms = 41000"
                + " AND talk_time_ms = 754000 AND escalation_outcome = 'ACCEPTED'"));
    }

    /** {@code CALLS} calls of {@code EVENTS_PER_CALL} steps each, all at once on virtual threads. */
    private void runCalls(CallJournal journal, int from, int to) {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = from; i < to; i++) {
                ReferenceNumber reference = new ReferenceNumber(Integer.toString(firstReference + i));
                callers.submit(() -> {
                    CallRecorder call = new CallRecorder(reference, journal, Clock.systemUTC());
                    call.record(CallEventType.CALL_STARTED, "line", "main", "businessHours", "false");
                    call.record(CallEventType.KEY_PRESSED, "menu", "triage", "key", "2");
                    call.record(CallEventType.TRIAGED, "triage", "NON_EMERGENCY", "reason", "chosen");
                    for (int p = 0; p < EVENTS_PER_CALL - 5; p++) {
                        call.record(CallEventType.PROMPT_PLAYED, "prompt", "afterhours/p" + p);
                    }
                    call.record(CallEventType.VOICEMAIL_KEPT, "path", "/x", "format", "wav", "durationMillis", "1",
                            "urgent", "false");
                    call.record(CallEventType.CALL_ENDED, "step", "GOODBYE", "outcome", "VOICEMAIL");
                });
            }
        }
    }

    private int count(String table) throws SQLException {
        return countWhere(table, "TRUE");
    }

    private int countWhere(String table, String condition) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table
                     + " WHERE reference BETWEEN ? AND ? AND " + condition)) {
            s.setString(1, Integer.toString(firstReference));
            s.setString(2, Integer.toString(firstReference + CALLS));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private String attributesOf(String reference, int sequence) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT attributes FROM call_event WHERE reference = ? AND sequence = ?")) {
            s.setString(1, reference);
            s.setInt(2, sequence);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** The database as the writer sees it: reachable, or not (a network outage, a restart). */
    private static final class OutageSwitch implements DataSource {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger failAfterConnections = new AtomicInteger(-1);
        private final DataSource real;

        OutageSwitch(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("Connection refused (database down in this test)");
            }
            Connection connection = real.getConnection();
            if (failAfterConnections.get() >= 0) {
                return breaksOnSecondStatement(connection);
            }
            return connection;
        }

        /** A connection that dies after its first statement, mid-transaction. */
        private static Connection breaksOnSecondStatement(Connection connection) {
            AtomicInteger statements = new AtomicInteger();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") && statements.incrementAndGet() > 1) {
                            throw new SQLException("connection lost mid-batch");
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
