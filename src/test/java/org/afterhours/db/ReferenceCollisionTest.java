package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two calls read the same reference number are two calls in the log; the same call written twice is one. */
class ReferenceCollisionTest {
    private static final Instant T0 = Instant.parse("2026-03-03T02:10:00Z");

    private final DataSource database = TestDatabases.shared().dataSource();
    private final JdbcCallLogStore store = new JdbcCallLogStore(database);
    private final String prefix = "collision-" + System.nanoTime();
    private final ReferenceNumber reference =
            new ReferenceNumber(Integer.toString(9_000_000 + ThreadLocalRandom.current().nextInt(1_000_000)));

    @AfterEach
    void deleteOurRows() throws SQLException {
        try (Connection c = database.getConnection()) {
            for (String table : List.of("call_event", "call_record")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE call_id LIKE ?")) {
                    s.setString(1, prefix + "%");
                    s.executeUpdate();
                }
            }
        }
    }

    @Test
    void a_second_call_read_the_same_reference_is_kept_beside_the_first_and_both_are_flagged() throws SQLException {
        store.write(call("a", "+19135550101", "VOICEMAIL"));
        store.write(call("b", "+19135550102", "INFORMED"));

        assertEquals(List.of(prefix + "-a +19135550101 VOICEMAIL true", prefix + "-b +19135550102 INFORMED true"),
                rows("SELECT CONCAT_WS(' ', call_id, caller_id_number, outcome, IF(reference_conflict, 'true',"
                        + " 'false')) FROM call_record WHERE reference = ? ORDER BY call_id"));
        assertEquals(List.of("6"), rows("SELECT COUNT(*) FROM call_event WHERE reference = ?"),
                "every event of both calls");
    }

    @Test
    void the_same_call_written_again_is_a_replay_and_changes_nothing() throws SQLException {
        store.write(call("a", "+19135550101", "VOICEMAIL"));
        store.write(call("a", "+19135550101", "VOICEMAIL"));

        assertEquals(List.of(prefix + "-a false"), rows("SELECT CONCAT_WS(' ', call_id,"
                + " IF(reference_conflict, 'true', 'false')) FROM call_record WHERE reference = ?"));
        assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM call_event WHERE reference = ?"));
    }

    private List<CallEvent> call(String id, String callerNumber, String outcome) {
        String callId = prefix + "-" + id;
        return List.of(
                new CallEvent(callId, reference, 1, T0, CallEventType.CALL_STARTED,
                        Map.of("line", "main", "callerNumber", callerNumber)),
                new CallEvent(callId, reference, 2, T0.plusSeconds(5), CallEventType.TRIAGED,
                        Map.of("triage", "NON_EMERGENCY")),
                new CallEvent(callId, reference, 3, T0.plusSeconds(40), CallEventType.CALL_ENDED,
                        Map.of("step", "GOODBYE", "outcome", outcome)));
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reference.digits());
            List<String> values = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }
}
