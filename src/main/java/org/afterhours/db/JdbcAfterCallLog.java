package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.AfterCallLog;

/** {@code after_call_event}: what the timers did after each call. */
public final class JdbcAfterCallLog implements AfterCallLog {
    private final DataSource dataSource;

    public JdbcAfterCallLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(AfterCallEvent e) {
        Transactions.inTransaction(dataSource, "record " + e.type() + " for " + e.reference(), c -> insert(c, e));
    }

    @Override
    public List<AfterCallEvent> of(ReferenceNumber reference) {
        return Transactions.inTransaction(dataSource, "read the after-call events of " + reference, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT occurred_at, type, due_id, recipient, channel,"
                    + " detail FROM after_call_event WHERE reference = ? ORDER BY occurred_at, id")) {
                s.setString(1, reference.digits());
                List<AfterCallEvent> events = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        // A type a newer node wrote is left out rather than failing the whole page.
                        Optional<AfterCallEventType> type = AfterCallEventType.parse(rs.getString("type"));
                        if (type.isPresent()) {
                            events.add(new AfterCallEvent(reference, SqlValues.utc(rs, "occurred_at"), type.get(),
                                    rs.getLong("due_id"), rs.getString("recipient"), rs.getString("channel"),
                                    rs.getString("detail")));
                        }
                    }
                }
                return events;
            }
        });
    }

    /** Inside the caller's transaction. */
    static int insert(Connection c, AfterCallEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO after_call_event (reference, occurred_at,"
                + " type, due_id, recipient, channel, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"
                // A retried due item writes its history once (key after_call_event_once): the first row stands,
                // with the latest detail (a failure's last error).
                + " ON DUPLICATE KEY UPDATE detail = VALUES(detail)")) {
            s.setString(1, e.reference().digits());
            SqlValues.setUtc(s, 2, e.at());
            s.setString(3, e.type().name());
            if (e.dueId() == 0) {
                s.setNull(4, java.sql.Types.BIGINT);
            } else {
                s.setLong(4, e.dueId());
            }
            s.setString(5, SqlValues.fit(e.recipient(), 120));
            s.setString(6, SqlValues.fit(e.channel(), 16));
            s.setString(7, SqlValues.fit(e.detail(), 500));
            return s.executeUpdate();
        }
    }

    @Override
    public boolean delivered(long dueId, String recipient, String channel) {
        return Transactions.inTransaction(dataSource, "read deliveries of due item " + dueId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM after_call_event WHERE due_id = ?"
                    + " AND recipient = ? AND channel = ? AND type = ? LIMIT 1")) {
                s.setLong(1, dueId);
                s.setString(2, SqlValues.fit(recipient, 120));
                s.setString(3, SqlValues.fit(channel, 16));
                s.setString(4, AfterCallEventType.NOTICE_SENT.name());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
