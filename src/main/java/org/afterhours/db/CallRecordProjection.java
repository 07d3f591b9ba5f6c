package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.MessageStatus;

/** What each kind of event changes in its call's {@code call_record} row. */
final class CallRecordProjection {
    private CallRecordProjection() {
    }

    static void apply(Connection c, CallEvent e) throws SQLException {
        switch (e.type()) {
            case CALL_STARTED -> update(c, "INSERT INTO call_record (reference, line_id, dialled_number,"
                            + " caller_id_number, caller_id_name, asterisk_uniqueid, started_at, business_hours,"
                            + " call_id, node_id, run_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE call_id = call_id",
                    s -> {
                        s.setString(1, e.reference().digits());
                        s.setString(9, e.callId());
                        s.setString(10, nullIfEmpty(SqlValues.fit(e.attribute(CallEventType.NODE), 64)));
                        s.setString(11, nullIfEmpty(SqlValues.fit(e.attribute(CallEventType.RUN), 36)));
                        s.setString(2, nullIfEmpty(SqlValues.fit(e.attribute("line"), 64)));
                        s.setString(3, JdbcCallLogStore.caller(e.attribute("dialled")));
                        s.setString(4, JdbcCallLogStore.caller(e.attribute("callerNumber")));
                        s.setString(5, JdbcCallLogStore.caller(e.attribute("callerName")));
                        s.setString(6, SqlValues.fit(e.attribute("uniqueId"), 64));
                        SqlValues.setUtc(s, 7, e.at());
                        s.setBoolean(8, Boolean.parseBoolean(e.attribute("businessHours")));
                    });
            case TRIAGED -> update(c, "UPDATE call_record SET triage = ? WHERE call_id = ?", s -> {
                s.setString(1, SqlValues.fit(e.attribute("triage"), 16));
                s.setString(2, e.callId());
            });
            case VOICEMAIL_KEPT -> update(c, "UPDATE call_record SET voicemail_path = ?, voicemail_format = ?,"
                    + " voicemail_duration_ms = ?, voicemail_urgent = ?, voicemail_status = '"
                    + MessageStatus.PENDING_RESPONSE + "' WHERE call_id = ?", s -> {
                        s.setString(1, JdbcCallLogStore.text(e.attribute("path")));
                        s.setString(2, SqlValues.fit(e.attribute("format"), 16));
                        s.setLong(3, parseLong(e.attribute("durationMillis")));
                        s.setBoolean(4, Boolean.parseBoolean(e.attribute("urgent")));
                        s.setString(5, e.callId());
                    });
            case CALL_CUT_OFF -> update(c, "UPDATE call_record SET ended_at = ?, final_step = ?, outcome = ?"
                    + " WHERE call_id = ? AND ended_at IS NULL", s -> {
                        SqlValues.setUtc(s, 1, lastHeard(e));
                        s.setString(2, SqlValues.fit(e.attribute("step"), 32));
                        s.setString(3, SqlValues.fit(e.attribute("outcome"), 32));
                        s.setString(4, e.callId());
                    });
            case VOICEMAIL_HANDED_TO_DIALPLAN -> update(c, "UPDATE call_record SET voicemail_path = ?,"
                    + " voicemail_urgent = ?, voicemail_status = '" + MessageStatus.PENDING_RESPONSE
                    + "' WHERE call_id = ?", s -> {
                        s.setString(1, JdbcCallLogStore.text(e.attribute("path")));
                        s.setBoolean(2, Boolean.parseBoolean(e.attribute("urgent")));
                        s.setString(3, e.callId());
                    });
            case CALLER_HUNG_UP, CALL_ENDED -> update(c, "UPDATE call_record SET ended_at = ?, final_step = ?,"
                    + " outcome = COALESCE(?, outcome) WHERE call_id = ?", s -> {
                        SqlValues.setUtc(s, 1, e.at());
                        s.setString(2, SqlValues.fit(e.attribute("step"), 32));
                        s.setString(3, nullIfEmpty(SqlValues.fit(e.attribute("outcome"), 32)));
                        s.setString(4, e.callId());
                    });
            case ATTEMPT_STARTED -> update(c, "INSERT INTO call_attempt (reference, leg_id, person_id, person_name,"
                    + " contact_label, dial_string, round_number, step_number, target, started_at, call_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE call_id = call_id", s -> {
                        s.setString(1, e.reference().digits());
                        s.setString(11, e.callId());
                        s.setString(2, SqlValues.fit(e.attribute("leg"), 32));
                        s.setString(3, SqlValues.fit(e.attribute("person"), 64));
                        s.setString(4, SqlValues.fit(e.attribute("personName"), 120));
                        s.setString(5, SqlValues.fit(e.attribute("contact"), 64));
                        s.setString(6, JdbcCallLogStore.text(e.attribute("dial")));
                        s.setInt(7, (int) parseLong(e.attribute("round")));
                        s.setInt(8, (int) parseLong(e.attribute("step")));
                        s.setString(9, SqlValues.fit(e.attribute("target"), 120));
                        SqlValues.setUtc(s, 10, e.at());
                    });
            case ATTEMPT_ANSWERED -> update(c, "UPDATE call_attempt SET answered_at = ? WHERE call_id = ?"
                    + " AND leg_id = ?", s -> {
                        SqlValues.setUtc(s, 1, e.at());
                        s.setString(2, e.callId());
                        s.setString(3, SqlValues.fit(e.attribute("leg"), 32));
                    });
            case ATTEMPT_ENDED -> attemptEnded(c, e);
            case TECHNICIAN_ACCEPTED -> update(c, "UPDATE call_record SET accepted_by = ?, accepted_after_ms = ?"
                    + " WHERE call_id = ?", s -> {
                        s.setString(1, SqlValues.fit(e.attribute("person"), 64));
                        s.setLong(2, parseLong(e.attribute("afterMillis")));
                        s.setString(3, e.callId());
                    });
            case ESCALATION_ENDED -> update(c, "UPDATE call_record SET escalation_outcome = ? WHERE call_id = ?",
                    s -> {
                        s.setString(1, SqlValues.fit(e.attribute("outcome"), 24));
                        s.setString(2, e.callId());
                    });
            case CONVERSATION_ENDED -> update(c, "UPDATE call_record SET talk_time_ms = ? WHERE call_id = ?", s -> {
                s.setLong(1, parseLong(e.attribute("talkMillis")));
                s.setString(2, e.callId());
            });
            default -> {
                // The step is in call_event; the record's columns do not change.
            }
        }
    }

    /** A ring that ended; a person skipped before any ring gets a row of their own. */
    private static void attemptEnded(Connection c, CallEvent e) throws SQLException {
        String leg = e.attribute("leg");
        if (leg.isEmpty()) {
            update(c, "INSERT IGNORE INTO call_attempt (reference, leg_id, person_id, started_at, ended_at, outcome,"
                    + " call_id) VALUES (?, ?, ?, ?, ?, ?, ?)", s -> {
                        s.setString(1, e.reference().digits());
                        s.setString(7, e.callId());
                        s.setString(2, "skip-" + e.sequence());
                        s.setString(3, SqlValues.fit(e.attribute("person"), 64));
                        SqlValues.setUtc(s, 4, e.at());
                        SqlValues.setUtc(s, 5, e.at());
                        s.setString(6, SqlValues.fit(e.attribute("outcome"), 32));
                    });
            return;
        }
        update(c, "UPDATE call_attempt SET ended_at = ?, outcome = ?, key_pressed = ? WHERE call_id = ?"
                + " AND leg_id = ?", s -> {
                    SqlValues.setUtc(s, 1, e.at());
                    s.setString(2, SqlValues.fit(e.attribute("outcome"), 32));
                    s.setString(3, nullIfEmpty(SqlValues.fit(e.attribute("key"), 1)));
                    s.setString(4, e.callId());
                    s.setString(5, SqlValues.fit(leg, 32));
                });
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

    /** A cut-off call ended at or soon after its last event on record, not when the next run noticed. */
    private static Instant lastHeard(CallEvent e) {
        try {
            return Instant.parse(e.attribute("lastHeardAt"));
        } catch (DateTimeParseException notGiven) {
            return e.at();
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
