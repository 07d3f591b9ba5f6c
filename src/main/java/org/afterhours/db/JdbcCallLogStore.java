package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** Rows per INSERT: a full batch of 500 in a few statements, each well below the server's packet limit. */
    private static final int ROWS_PER_INSERT = 100;

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
        // A handful of statements per batch, not a few per event: the database's work per call is mostly round trips.
        boolean owed = Transactions.inTransaction(dataSource, "write " + events.size() + " call event(s)", c -> {
            List<CallEvent> fresh = insertNew(c, events);
            CallRecordProjection.apply(c, fresh);
            flagReferenceConflicts(c, fresh.stream().filter(e -> e.type() == CallEventType.CALL_STARTED).toList());
            boolean any = false;
            for (CallEvent event : fresh) {
                any |= scheduleOwed(c, event);
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
        if (!due.isEmpty()) {
            JdbcDueWorkQueue.insert(c, due);
        }
        Optional<FollowUp> followUp = obligations.get().followUpFor(event);
        if (followUp.isPresent() && JdbcFollowUpBook.insert(c, followUp.get(),
                obligations.get().remindersOf(followUp.get()))) {
            JdbcAfterCallLog.insert(c, AfterCallEvent.of(event.reference(), event.at(),
                    AfterCallEventType.FOLLOW_UP_OWED, followUp.get().cause() + ", due " + followUp.get().dueAt()));
        }
        return !due.isEmpty() || followUp.isPresent();
    }

    /**
     * Another call already holds a started call's reference number: both records are kept (each under its own call
     * id) and flagged, and the log says so loudly: a person must tell the two callers apart. Checked once for all the
     * calls a batch started, after their records are in; "already" means before the batch or earlier in it.
     */
    private static void flagReferenceConflicts(Connection c, List<CallEvent> started) throws SQLException {
        if (started.isEmpty()) {
            return;
        }
        Map<String, List<String>> holders = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT reference, call_id FROM call_record WHERE reference IN ("
                + placeholders(started.size()) + ")")) {
            for (int i = 0; i < started.size(); i++) {
                s.setString(i + 1, started.get(i).reference().digits());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    holders.computeIfAbsent(r.getString(1), reference -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        Set<String> startedLater = new HashSet<>(started.stream().map(CallEvent::callId).toList());
        Set<String> conflicts = new LinkedHashSet<>();
        for (CallEvent call : started) {
            startedLater.remove(call.callId());
            List<String> others = holders.getOrDefault(call.reference().digits(), List.of()).stream()
                    .filter(id -> !id.equals(call.callId()) && !startedLater.contains(id)).toList();
            if (!others.isEmpty()) {
                conflicts.add(call.reference().digits());
                log.error("REFERENCE CONFLICT: call {} was read reference {}, which call(s) {} already hold; both are "
                        + "kept and flagged (reference_conflict) and must be told apart by caller and time",
                        call.callId(), call.reference().digits(), others);
            }
        }
        if (conflicts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE call_record SET reference_conflict = TRUE"
                + " WHERE reference IN (" + placeholders(conflicts.size()) + ")")) {
            int index = 1;
            for (String reference : conflicts) {
                s.setString(index++, reference);
            }
            s.executeUpdate();
        }
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

    /**
     * Inserts the events not yet in {@code call_event}, a chunk of rows per statement, and returns them in batch
     * order; an event there already (a replay) is left out of the result, and so is its effect on the record. The
     * rows {@code INSERT IGNORE ... RETURNING} hands back are exactly those this statement inserted, so no read
     * beforehand and no lock are needed to tell new from replayed.
     */
    private static List<CallEvent> insertNew(Connection c, List<CallEvent> events) throws SQLException {
        List<CallEvent> fresh = new ArrayList<>();
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            List<CallEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
            Set<String> inserted = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(insertSql(chunk))) {
                int index = 1;
                for (CallEvent event : chunk) {
                    s.setString(index++, event.callId());
                    s.setString(index++, event.reference().digits());
                    s.setInt(index++, event.sequence());
                    SqlValues.setUtc(s, index++, event.at());
                    s.setString(index++, event.type().name());
                    for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                        s.setString(index++, attribute.getKey());
                        s.setString(index++, attribute.getValue());
                    }
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        inserted.add(key(r.getString(1), r.getInt(2)));
                    }
                }
            }
            for (CallEvent event : chunk) {
                // remove: the same event twice in one batch counts once, as the second row was ignored
                if (inserted.remove(key(event.callId(), event.sequence()))) {
                    fresh.add(event);
                }
            }
        }
        return fresh;
    }

    private static String insertSql(List<CallEvent> chunk) {
        // The attributes become a JSON object built by MariaDB itself from bound parameters: no quoting of ours.
        StringBuilder sql = new StringBuilder(
                "INSERT IGNORE INTO call_event (call_id, reference, sequence, occurred_at, type, attributes) VALUES ");
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, JSON_OBJECT(")
                    .append(placeholders(2 * chunk.get(i).attributes().size())).append("))");
        }
        return sql.append(" RETURNING call_id, sequence").toString();
    }

    private static String key(String callId, int sequence) {
        return callId + '#' + sequence;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static String caller(String text) {
        return SqlValues.fit(text, CALLER);
    }

    static String text(String value) {
        return SqlValues.fit(value, TEXT);
    }
}
