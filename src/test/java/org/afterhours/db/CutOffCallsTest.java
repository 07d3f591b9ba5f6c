package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.CutOffCallHandler;
import org.afterhours.calllog.CutOffCalls;
import org.afterhours.calllog.JournalEntry;
import org.afterhours.calllog.LeftOpenCall;
import org.afterhours.calllog.ReferenceNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a restart, the calls a dead run of this node left open are closed as CUT_OFF, owed a call back. */
@Tag("clock")
class CutOffCallsTest {
    private static final Instant T0 = Instant.parse("2026-03-03T02:10:00Z");
    private static final Clock NOW = Clock.fixed(T0.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);

    @TempDir
    Path journalDirectory;

    private final DataSource database = TestDatabases.shared().dataSource();
    private final JdbcCallLogStore store = new JdbcCallLogStore(database);
    private final String node = "cut-off-test-" + System.nanoTime();
    private final int first = 1_000_000 + ThreadLocalRandom.current().nextInt(7_000_000);
    private final List<String> owed = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final CutOffCallHandler handler = new CutOffCallHandler() {
        @Override
        public void oweFollowUpAtOnce(LeftOpenCall call) {
            owed.add(call.reference().digits());
        }

        @Override
        public void alertEmergencyCutOff(LeftOpenCall call) {
            alerts.add(call.reference().digits());
        }
    };

    @AfterEach
    void deleteOurRows() throws SQLException {
        try (Connection c = database.getConnection()) {
            for (String table : List.of("call_event", "call_record")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE call_id LIKE ?")) {
                    s.setString(1, node + "%");
                    s.executeUpdate();
                }
            }
        }
    }

    @Test
    void an_emergency_and_a_non_emergency_left_open_by_a_dead_run_are_closed_and_owed_a_call_back()
            throws Exception {
        String emergency = reference(0);
        String informing = reference(1);
        String ended = reference(2);
        store.write(List.of(
                event(0, 1, CallEventType.CALL_STARTED, "dead-run"),
                event(0, 2, CallEventType.TRIAGED, "triage", "EMERGENCY"),
                event(0, 3, CallEventType.ESCALATION_STARTED, "planned", "4"),
                event(1, 1, CallEventType.CALL_STARTED, "dead-run"),
                event(1, 2, CallEventType.TRIAGED, "triage", "NON_EMERGENCY"),
                event(2, 1, CallEventType.CALL_STARTED, "dead-run"),
                event(2, 2, CallEventType.CALL_ENDED, "step", "GOODBYE", "outcome", "INFORMED")));

        try (CallJournal journal = CallJournal.open(journalDirectory, node)) {
            CutOffCalls cutOff = new CutOffCalls(journal, store, handler, NOW);
            assertEquals(2, cutOff.closeLeftOpen());
            journal.flush(); // the syncer forces every few ms; a test reads at once
            List<JournalEntry> written = journal.pending(10, Duration.ZERO);
            store.write(written.stream().map(JournalEntry::event).toList());
            journal.committed(written.getLast().position());

            assertEquals(List.of(emergency, informing), owed);
            assertEquals(List.of(emergency), alerts, "only the emergency is an alert");
            assertEquals(Map.of("outcome", "CUT_OFF", "final_step", "ESCALATION_STARTED",
                    "ended_at", "2026-03-03 02:10:03.000"), record(emergency));
            assertEquals("CUT_OFF", record(informing).get("outcome"));
            assertEquals("INFORMED", record(ended).get("outcome"), "a call that ended is left as it was");
            assertEquals(List.of("CALL_STARTED", "TRIAGED", "ESCALATION_STARTED", "CALL_CUT_OFF"), events(emergency));

            assertEquals(0, cutOff.closeLeftOpen(), "closed once: the next look finds nothing");
        }
    }

    @Test
    void a_live_call_of_the_current_run_is_not_taken_for_cut_off() throws Exception {
        try (CallJournal journal = CallJournal.open(journalDirectory, node)) {
            store.write(List.of(event(0, 1, CallEventType.CALL_STARTED, journal.run())));
            assertEquals(0, new CutOffCalls(journal, store, handler, NOW).closeLeftOpen());
            assertTrue(owed.isEmpty());
        }
    }

    private String reference(int n) {
        return Integer.toString(first + n);
    }

    /** Event {@code sequence} of call {@code n}, {@code sequence} seconds after T0; CALL_STARTED takes the run. */
    private CallEvent event(int n, int sequence, CallEventType type, String... attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        if (type == CallEventType.CALL_STARTED) {
            map.put("line", "main");
            map.put(CallEventType.NODE, node);
            map.put(CallEventType.RUN, attributes[0]);
        } else {
            for (int i = 0; i < attributes.length; i += 2) {
                map.put(attributes[i], attributes[i + 1]);
            }
        }
        return new CallEvent(node + "-" + n, new ReferenceNumber(reference(n)), sequence,
                T0.plusSeconds(sequence), type, map);
    }

    private Map<String, String> record(String reference) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT outcome, final_step, DATE_FORMAT(ended_at, '%Y-%m-%d %H:%i:%s.%f') AS ended_at"
                        + " FROM call_record WHERE reference = ? AND call_id LIKE ?")) {
            s.setString(1, reference);
            s.setString(2, node + "%");
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), reference);
                Map<String, String> row = new LinkedHashMap<>();
                row.put("outcome", r.getString("outcome"));
                row.put("final_step", r.getString("final_step"));
                String endedAt = r.getString("ended_at");
                row.put("ended_at", endedAt == null ? null : endedAt.substring(0, 23));
                return row;
            }
        }
    }

    private List<String> events(String reference) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT type FROM call_event WHERE reference = ? AND call_id LIKE ? ORDER BY sequence")) {
            s.setString(1, reference);
            s.setString(2, node + "%");
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                }
            }
            return types;
        }
    }
}
