package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.MessageStatus;

/**
 * What each kind of event changes in its call's {@code call_record} row (and {@code call_attempt} rows).
 *
 * <p>The events of a batch are folded per call before anything is written: most events only set columns of their
 * call's row to constants, so the row's changes from a whole batch are one statement, not one per event. Where the
 * outcome depends on what the row holds already (a call cut off only if not ended), that call's pending changes are
 * written first and the event keeps its own conditional statement, so the row ends exactly as with one statement per
 * event in order.
 */
final class CallRecordProjection {
    private CallRecordProjection() {
    }

    /** @param events new events only (a replayed event must change nothing), in journal order */
    static void apply(Connection c, List<CallEvent> events) throws SQLException {
        Map<String, RecordChange> records = new LinkedHashMap<>();
        for (CallEvent e : events) {
            apply(c, records.computeIfAbsent(e.callId(), RecordChange::new), e);
        }
        for (RecordChange record : records.values()) {
            record.write(c);
        }
    }

    private static void apply(Connection c, RecordChange record, CallEvent e) throws SQLException {
        switch (e.type()) {
            case CALL_STARTED -> record.start(c, new Columns()
                    .set("reference", e.reference().digits())
                    .set("line_id", nullIfEmpty(SqlValues.fit(e.attribute("line"), 64)))
                    .set("dialled_number", JdbcCallLogStore.caller(e.attribute("dialled")))
                    .set("caller_id_number", JdbcCallLogStore.caller(e.attribute("callerNumber")))
                    .set("caller_id_name", JdbcCallLogStore.caller(e.attribute("callerName")))
                    .set("asterisk_uniqueid", SqlValues.fit(e.attribute("uniqueId"), 64))
                    .set("started_at", e.at())
                    .set("business_hours", Boolean.parseBoolean(e.attribute("businessHours")))
                    .set("node_id", nullIfEmpty(SqlValues.fit(e.attribute(CallEventType.NODE), 64)))
                    .set("run_id", nullIfEmpty(SqlValues.fit(e.attribute(CallEventType.RUN), 36))));
            case TRIAGED -> record.set("triage", SqlValues.fit(e.attribute("triage"), 16));
            case VOICEMAIL_KEPT -> record
                    .set("voicemail_path", JdbcCallLogStore.text(e.attribute("path")))
                    .set("voicemail_format", SqlValues.fit(e.attribute("format"), 16))
                    .set("voicemail_duration_ms", parseLong(e.attribute("durationMillis")))
                    .set("voicemail_urgent", Boolean.parseBoolean(e.attribute("urgent")))
                    .set("voicemail_status", MessageStatus.PENDING_RESPONSE.name());
            case VOICEMAIL_HANDED_TO_DIALPLAN -> record
                    .set("voicemail_path", JdbcCallLogStore.text(e.attribute("path")))
                    .set("voicemail_urgent", Boolean.parseBoolean(e.attribute("urgent")))
                    .set("voicemail_status", MessageStatus.PENDING_RESPONSE.name());
            case CALLER_HUNG_UP, CALL_ENDED -> {
                record.set("ended_at", e.at()).set("final_step", SqlValues.fit(e.attribute("step"), 32));
                String outcome = nullIfEmpty(SqlValues.fit(e.attribute("outcome"), 32));
                if (outcome != null) {
                    record.set("outcome", outcome); // an end without an outcome keeps the one set before
                }
            }
            case CALL_CUT_OFF -> {
                // Only a call nobody ended is cut off: that depends on the row, so it is written as it stands first.
                record.write(c);
                update(c, "UPDATE call_record SET ended_at = ?, final_step = ?, outcome = ?"
                        + " WHERE call_id = ? AND ended_at IS NULL", s -> {
                            SqlValues.setUtc(s, 1, lastHeard(e));
                            s.setString(2, SqlValues.fit(e.attribute("step"), 32));
                            s.setString(3, SqlValues.fit(e.attribute("outcome"), 32));
                            s.setString(4, e.callId());
                        });
            }
            case TECHNICIAN_ACCEPTED -> record
                    .set("accepted_by", SqlValues.fit(e.attribute("person"), 64))
                    .set("accepted_after_ms", parseLong(e.attribute("afterMillis")));
            case ESCALATION_ENDED -> record.set("escalation_outcome", SqlValues.fit(e.attribute("outcome"), 24));
            case CONVERSATION_ENDED -> record.set("talk_time_ms", parseLong(e.attribute("talkMillis")));
            // call_attempt rows: a few per emergency call, written as they come (call_record never reads them).
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
            default -> {
                // The step is in call_event; the record's columns do not change.
            }
        }
    }

    /** Column values in the order they were set; a later value replaces an earlier one, as a later UPDATE would. */
    private static class Columns {
        final Map<String, Object> values = new LinkedHashMap<>();

        Columns set(String column, Object value) {
            values.put(column, value);
            return this;
        }
    }

    /**
     * The changes a batch makes to one call's row. After the call's start the row is inserted with them all; should
     * it be there already (a start seen twice), the insert changes nothing and only the changes after the start
     * apply, as the start's own {@code INSERT ... ON DUPLICATE KEY UPDATE call_id = call_id} and the UPDATEs after it
     * did.
     */
    private static final class RecordChange extends Columns {
        private final String callId;
        private Columns started;

        RecordChange(String callId) {
            this.callId = callId;
        }

        @Override
        RecordChange set(String column, Object value) {
            super.set(column, value);
            return this;
        }

        /** What came before the start in this batch changes the row that may be there, so it is written first. */
        void start(Connection c, Columns columns) throws SQLException {
            write(c);
            started = columns;
        }

        /** Writes the pending changes, if any, and starts afresh. */
        void write(Connection c) throws SQLException {
            List<Object> bound = new ArrayList<>();
            String sql;
            if (started != null) {
                Map<String, Object> row = new LinkedHashMap<>(started.values);
                row.putAll(values);
                bound.addAll(row.values());
                bound.add(callId);
                bound.addAll(values.values());
                sql = "INSERT INTO call_record (" + String.join(", ", row.keySet()) + ", call_id) VALUES ("
                        + "?, ".repeat(row.size()) + "?) ON DUPLICATE KEY UPDATE "
                        + (values.isEmpty() ? "call_id = call_id" : assignments());
            } else if (!values.isEmpty()) {
                bound.addAll(values.values());
                bound.add(callId);
                sql = "UPDATE call_record SET " + assignments() + " WHERE call_id = ?";
            } else {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int index = 1;
                for (Object value : bound) {
                    if (value instanceof Instant instant) {
                        SqlValues.setUtc(s, index++, instant);
                    } else if (value == null) {
                        s.setNull(index++, Types.VARCHAR);
                    } else {
                        s.setObject(index++, value);
                    }
                }
                s.executeUpdate();
            }
            values.clear();
            started = null;
        }

        private String assignments() {
            return String.join(", ", values.keySet().stream().map(column -> column + " = ?").toList());
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
