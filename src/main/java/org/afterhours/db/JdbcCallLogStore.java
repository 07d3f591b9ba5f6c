package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallLogStore;
import org.afterhours.followup.DueWork;
import org.afterhours.followup.FollowUp;
import org.afterhours.followup.Obligations;

/**
 * Writes call events and keeps {@code call_record} in step with them, one transaction per batch. An event already
 * present (same reference and sequence: a replay) is skipped together with its effect on the record, so every event
 * counts exactly once.
 */
public final class JdbcCallLogStore implements CallLogStore {
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

    /** @return false when the event was there already */
    private static boolean insertEvent(Connection c, CallEvent event) throws SQLException {
        // The attributes become a JSON object built by MariaDB itself from bound parameters: no quoting of ours.
        StringBuilder json = new StringBuilder("JSON_OBJECT(");
        for (int i = 0; i < event.attributes().size(); i++) {
            json.append(i == 0 ? "?, ?" : ", ?, ?");
        }
        json.append(')');
        String sql = "INSERT IGNORE INTO call_event (reference, sequence, occurred_at, type, attributes)"
                + " VALUES (?, ?, ?, ?, " + json + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.reference().digits());
            s.setInt(2, event.sequence());
            SqlValues.setUtc(s, 3, event.at());
            s.setString(4, event.type().name());
            int index = 5;
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
