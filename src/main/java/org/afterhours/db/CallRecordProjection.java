package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.afterhours.calllog.CallEvent;

/** What each kind of event changes in its call's {@code call_record} row. */
final class CallRecordProjection {
    private CallRecordProjection() {
    }

    static void apply(Connection c, CallEvent e) throws SQLException {
        switch (e.type()) {
            case CALL_STARTED -> update(c, "INSERT INTO call_record (reference, line_id, dialled_number,"
                            + " caller_id_number, caller_id_name, asterisk_uniqueid, started_at, business_hours)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE reference = reference",
                    s -> {
                        s.setString(1, e.reference().digits());
                        s.setString(2, nullIfEmpty(SqlValues.fit(e.attribute("line"), 64)));
                        s.setString(3, JdbcCallLogStore.caller(e.attribute("dialled")));
                        s.setString(4, JdbcCallLogStore.caller(e.attribute("callerNumber")));
                        s.setString(5, JdbcCallLogStore.caller(e.attribute("callerName")));
                        s.setString(6, SqlValues.fit(e.attribute("uniqueId"), 64));
                        SqlValues.setUtc(s, 7, e.at());
                        s.setBoolean(8, Boolean.parseBoolean(e.attribute("businessHours")));
                    });
            case TRIAGED -> update(c, "UPDATE call_record SET triage = ? WHERE reference = ?", s -> {
                s.setString(1, SqlValues.fit(e.attribute("triage"), 16));
                s.setString(2, e.reference().digits());
            });
            case VOICEMAIL_KEPT -> update(c, "UPDATE call_record SET voicemail_path = ?, voicemail_format = ?,"
                    + " voicemail_duration_ms = ?, voicemail_urgent = ?, voicemail_status = 'PENDING_RESPONSE'"
                    + " WHERE reference = ?", s -> {
                        s.setString(1, JdbcCallLogStore.text(e.attribute("path")));
                        s.setString(2, SqlValues.fit(e.attribute("format"), 16));
                        s.setLong(3, parseLong(e.attribute("durationMillis")));
                        s.setBoolean(4, Boolean.parseBoolean(e.attribute("urgent")));
                        s.setString(5, e.reference().digits());
                    });
            case CALLER_HUNG_UP, CALL_ENDED -> update(c, "UPDATE call_record SET ended_at = ?, final_step = ?,"
                    + " outcome = COALESCE(?, outcome) WHERE reference = ?", s -> {
                        SqlValues.setUtc(s, 1, e.at());
                        s.setString(2, SqlValues.fit(e.attribute("step"), 32));
                        s.setString(3, nullIfEmpty(SqlValues.fit(e.attribute("outcome"), 32)));
                        s.setString(4, e.reference().digits());
                    });
            default -> {
                // The step is in call_event; the record's columns do not change.
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static void update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
        }
    }

    private static String nullIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
