package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallLogStore;
import org.afterhours.calllog.LeftOpenCall;
import org.afterhours.calllog.LeftOpenCalls;
import org.afterhours.calllog.ReferenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.afterhours.followup.DueWork;
import org.afterhours.followup.FollowUp;
import org.afterhours.followup.Obligations;

/**
 * Writes call events and keeps {@code call_record} in step with them, one transaction per batch. An event already
 * present (same call id and sequence: a replay) is skipped together with its effect on the record, so every event
 * counts exactly once. Two different calls read the same reference number are both kept.
 */
public final class JdbcCallLogStore implements CallLogStore, LeftOpenCalls {
    private static final Logger log = LoggerFactory.getLogger(JdbcCallLogStore.class);
    private static final int CALLER = 80;
    private static final int TEXT = 255;

    private final DataSource dataSource;
    private final Optional<Obligations> obligations;
    private final Runnable scheduled;

    /** A call log that owes nothing after the call (tests of the log itself). */
    public JdbcCallLogStore(DataSource dataSource) {
        this(dataSource, Optional.empty(), () -> { });
    }

    /**
     * @param obligations the deadlines and follow-ups each event starts, scheduled in the event's own transaction
     * @param scheduled   told after a batch scheduled something (wakes the timers: a message is told at once)
     */
    public JdbcCallLogStore(DataSource dataSource, Optional<Obligations> obligations, Runnable scheduled) {
        this.dataSource = dataSource;
        this.obligations = obligations;
        this.scheduled = scheduled;
    }

    @Override
    public void write(List<CallEvent> events) {
        boolean owed = Transactions.inTransaction(dataSource, "write " + events.size() + " call event(s)", c -> {
            boolean any = false;
            for (CallEvent event : events) {
                if (insertEvent(c, event)) {
                    CallRecordProjection.apply(c, event);
                    if (event.type() == CallEventType.CALL_STARTED) {
                        flagReferenceConflict(c, event);
                    }
                    any |= scheduleOwed(c, event);
                }
            }
            return any;
        });
        if (owed) {
            scheduled.run();
        }
    }

    /** What the event commits us to after the call, written with it: as durable, and never twice. */
    private boolean scheduleOwed(Connection c, CallEvent event) throws SQLException {
        if (obligations.isEmpty()) {
            return false;
        }
        List<DueWork> due = obligations.get().dueFor(event);
        JdbcDueWorkQueue.insert(c, due);
        Optional<FollowUp> followUp = obligations.get().followUpFor(event);
        if (followUp.isPresent() && JdbcFollowUpBook.insert(c, followUp.get(),
                obligations.get().remindersOf(followUp.get()))) {
            JdbcAfterCallLog.insert(c, AfterCallEvent.of(event.reference(), event.at(),
                    AfterCallEventType.FOLLOW_UP_OWED, followUp.get().cause() + ", due " + followUp.get().dueAt()));
        }
        return !due.isEmpty() || followUp.isPresent();
    }

    /**
     * Another call already holds this reference number: both records are kept (each under its own call id) and
     * flagged, and the log says so loudly: a person must tell the two callers apart.
     */
    private static void flagReferenceConflict(Connection c, CallEvent started) throws SQLException {
        List<String> others = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT call_id FROM call_record WHERE reference = ? AND call_id <> ?")) {
            s.setString(1, started.reference().digits());
            s.setString(2, started.callId());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    others.add(r.getString(1));
                }
            }
        }
        if (others.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE call_record SET reference_conflict = TRUE WHERE reference = ?")) {
            s.setString(1, started.reference().digits());
            s.executeUpdate();
        }
        log.error("REFERENCE CONFLICT: call {} was read reference {}, which call(s) {} already hold; both are kept "
                + "and flagged (reference_conflict) and must be told apart by caller and time", started.callId(),
                started.reference().digits(), others);
    }

    @Override
    public List<LeftOpenCall> leftOpen(String node, String currentRun) {
        return Transactions.inTransaction(dataSource, "find calls left open by earlier runs", c -> {
            List<LeftOpenCall> open = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT r.call_id, r.reference, r.triage,"
                    + " r.caller_id_number, e.sequence, e.type, e.occurred_at FROM call_record r"
                    + " JOIN call_event e ON e.call_id = r.call_id AND e.sequence ="
                    + " (SELECT MAX(sequence) FROM call_event m WHERE m.call_id = r.call_id)"
                    + " WHERE r.node_id = ? AND r.ended_at IS NULL AND r.run_id <> ? ORDER BY r.started_at")) {
                s.setString(1, node);
                s.setString(2, currentRun);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        open.add(new LeftOpenCall(r.getString("call_id"), new ReferenceNumber(r.getString("reference")),
                                r.getInt("sequence"), r.getString("type"), SqlValues.utc(r, "occurred_at"),
                                "EMERGENCY".equals(r.getString("triage")), r.getString("caller_id_number")));
                    }
                }
            }
            return open;
        });
    }

    /** @return false when the event was there already */
    private static boolean insertEvent(Connection c, CallEvent event) throws SQLException {
        // The attributes become a JSON object built by MariaDB itself from bound parameters: no quoting of ours.
        StringBuilder json = new StringBuilder("JSON_OBJECT(");
        for (int i = 0; i < event.attributes().size(); i++) {
            json.append(i == 0 ? "?, ?" : ", ?, ?");
        }
        json.append(')');
        String sql = "INSERT IGNORE INTO call_event (call_id, reference, sequence, occurred_at, type, attributes)"
                + " VALUES (?, ?, ?, ?, ?, " + json + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.callId());
            s.setString(2, event.reference().digits());
            s.setInt(3, event.sequence());
            SqlValues.setUtc(s, 4, event.at());
            s.setString(5, event.type().name());
            int index = 6;
            for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                s.setString(index++, attribute.getKey());
                s.setString(index++, attribute.getValue());
            }
            return s.executeUpdate() == 1;
        }
    }

    static String caller(String text) {
        return SqlValues.fit(text, CALLER);
    }

    static String text(String value) {
        return SqlValues.fit(value, TEXT);
    }
}
