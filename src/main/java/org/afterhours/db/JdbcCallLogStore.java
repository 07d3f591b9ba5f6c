package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallLogStore;

/**
 * Writes call events and keeps {@code call_record} in step with them, one transaction per batch. An event already
 * present (same reference and sequence: a replay) is skipped together with its effect on the record, so every event
 * counts exactly once.
 */
public final class JdbcCallLogStore implements CallLogStore {
    private static final int CALLER = 80;
    private static final int TEXT = 255;

    private final DataSource dataSource;

    public JdbcCallLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(List<CallEvent> events) {
        Transactions.inTransaction(dataSource, "write " + events.size() + " call event(s)", c -> {
            for (CallEvent event : events) {
                if (insertEvent(c, event)) {
                    CallRecordProjection.apply(c, event);
                }
            }
            return null;
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
