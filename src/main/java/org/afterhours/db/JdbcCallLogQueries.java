package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.calllog.CallAttempt;
import org.afterhours.calllog.CallCursor;
import org.afterhours.calllog.CallDetail;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallFilter;
import org.afterhours.calllog.CallLogQueries;
import org.afterhours.calllog.CallPage;
import org.afterhours.calllog.CallSummary;
import org.afterhours.calllog.Completion;
import org.afterhours.calllog.EntryEdit;
import org.afterhours.calllog.LoggedEvent;
import org.afterhours.calllog.MessageResponse;

/**
 * The console's view of the call log over MariaDB. Filters become bound parameters only; paging walks the
 * {@code started_at} index from a cursor (the last call shown), one row more than a page to tell whether another
 * page follows, so a deep page costs what the first does.
 */
public final class JdbcCallLogQueries implements CallLogQueries {
    private static final String SUMMARY_COLUMNS = "r.reference, r.line_id, r.caller_id_number, r.caller_id_name,"
            + " r.started_at, r.ended_at, r.business_hours, r.triage, r.outcome, r.escalation_outcome, r.accepted_by,"
            + " r.accepted_after_ms, r.voicemail_status, r.completed_at, r.completed_by";
    private static final String ATTEMPT_COLUMNS = "a.reference, a.leg_id, a.person_id, a.person_name,"
            + " a.contact_label, a.round_number, a.step_number, a.target, a.started_at, a.answered_at, a.ended_at,"
            + " a.outcome, a.key_pressed";
    private static final int TICKET = 64;
    private static final int COMPLETED_BY = 80;

    private final DataSource dataSource;

    public JdbcCallLogQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public CallPage search(CallFilter filter, Optional<CallCursor> cursor, int pageSize) {
        List<CallSummary> rows = new ArrayList<>(select(filter, cursor, pageSize + 1));
        boolean more = rows.size() > pageSize;
        if (more) {
            rows.remove(pageSize);
        }
        if (cursor.isPresent() && !cursor.get().older()) {
            return new CallPage(rows.reversed(), true, more);
        }
        return new CallPage(rows, more, cursor.isPresent());
    }

    @Override
    public List<CallSummary> all(CallFilter filter, int limit) {
        return select(filter, Optional.empty(), limit);
    }

    /** Newest first, or (for a newer page) oldest first from the cursor. */
    private List<CallSummary> select(CallFilter filter, Optional<CallCursor> cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY_COLUMNS).append(" FROM call_record r WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.from() != null) {
            sql.append(" AND r.started_at >= ?");
            args.add(filter.from());
        }
        if (filter.until() != null) {
            sql.append(" AND r.started_at < ?");
            args.add(filter.until());
        }
        if (filter.lineId() != null) {
            sql.append(" AND r.line_id = ?");
            args.add(filter.lineId());
        }
        if (filter.triage() != null) {
            sql.append(" AND r.triage = ?");
            args.add(filter.triage());
        }
        if (filter.outcome() != null) {
            sql.append(" AND r.outcome = ?");
            args.add(filter.outcome());
        }
        if (filter.incompleteOnly()) {
            sql.append(" AND r.completed_at IS NULL");
        }
        if (filter.mine() != null) {
            sql.append(" AND (r.accepted_by = ? OR EXISTS (SELECT 1 FROM call_attempt a"
                    + " WHERE a.reference = r.reference AND a.person_id = ?))");
            args.add(filter.mine());
            args.add(filter.mine());
        }
        boolean newer = cursor.isPresent() && !cursor.get().older();
        if (cursor.isPresent()) {
            String side = newer ? ">" : "<";
            sql.append(" AND (r.started_at ").append(side).append(" ? OR (r.started_at = ? AND r.reference ")
                    .append(side).append(" ?))");
            args.add(cursor.get().startedAt());
            args.add(cursor.get().startedAt());
            args.add(cursor.get().reference());
        }
        sql.append(newer ? " ORDER BY r.started_at, r.reference LIMIT ?"
                : " ORDER BY r.started_at DESC, r.reference DESC LIMIT ?");
        args.add(limit);
        return query("read the call log", sql.toString(), args, JdbcCallLogQueries::summary);
    }

    @Override
    public List<CallSummary> startedBetween(Instant from, Instant until) {
        return query("read calls", "SELECT " + SUMMARY_COLUMNS + " FROM call_record r WHERE r.started_at >= ?"
                + " AND r.started_at < ? ORDER BY r.started_at, r.reference", List.of(from, until),
                JdbcCallLogQueries::summary);
    }

    @Override
    public List<CallAttempt> attemptsBetween(Instant from, Instant until) {
        return query("read rings", "SELECT " + ATTEMPT_COLUMNS + " FROM call_record r JOIN call_attempt a"
                + " ON a.reference = r.reference WHERE r.started_at >= ? AND r.started_at < ?"
                + " ORDER BY a.reference, a.started_at, a.leg_id", List.of(from, until), JdbcCallLogQueries::attempt);
    }

    @Override
    public List<MessageResponse> messagesRespondedBetween(Instant from, Instant until) {
        // The response time is on the call's row, whoever marked it (key 3 then a call back, the link, the console).
        return query("read message responses", "SELECT r.reference, r.message_responded_at,"
                + " (SELECT MIN(e.occurred_at) FROM call_event e WHERE e.reference = r.reference AND e.type IN ('"
                + CallEventType.VOICEMAIL_KEPT + "', '" + CallEventType.VOICEMAIL_HANDED_TO_DIALPLAN + "')) AS kept_at"
                + " FROM call_record r WHERE r.started_at >= ? AND r.started_at < ?"
                + " AND r.message_responded_at IS NOT NULL", List.of(from, until), rs -> new MessageResponse(
                        rs.getString("reference"), SqlValues.utc(rs, "kept_at"),
                        SqlValues.utc(rs, "message_responded_at")));
    }

    @Override
    public Optional<CallDetail> call(String reference) {
        return Transactions.inTransaction(dataSource, "read call " + reference, c -> {
            List<CallDetail> found = rows(c, "SELECT " + SUMMARY_COLUMNS + ", r.dialled_number, r.final_step,"
                    + " r.voicemail_path, r.voicemail_format, r.voicemail_duration_ms, r.voicemail_urgent,"
                    + " r.talk_time_ms, r.summary, r.resolution, r.ticket_number"
                    + " FROM call_record r WHERE r.reference = ?", List.of(reference), rs -> new CallDetail(
                    summary(rs), rs.getString("dialled_number"), rs.getString("final_step"),
                    rs.getString("voicemail_path"), rs.getString("voicemail_format"),
                    integer(rs, "voicemail_duration_ms"), rs.getBoolean("voicemail_urgent"),
                    integer(rs, "talk_time_ms"), new Completion(rs.getString("summary"), rs.getString("resolution"),
                    rs.getString("ticket_number"), rs.getString("completed_by")), List.of(), List.of(), List.of()));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            CallDetail row = found.getFirst();
            return Optional.of(new CallDetail(row.summary(), row.dialledNumber(), row.finalStep(), row.voicemailPath(),
                    row.voicemailFormat(), row.voicemailDurationMillis(), row.voicemailUrgent(),
                    row.talkTimeMillis(), row.completion(), events(c, reference),
                    rows(c, "SELECT " + ATTEMPT_COLUMNS + " FROM call_attempt a WHERE a.reference = ?"
                            + " ORDER BY a.started_at, a.leg_id", List.of(reference), JdbcCallLogQueries::attempt),
                    rows(c, "SELECT edited_at, edited_by, field, old_value, new_value FROM call_record_edit"
                            + " WHERE reference = ? ORDER BY edited_at, id", List.of(reference), rs -> new EntryEdit(
                            SqlValues.utc(rs, "edited_at"), rs.getString("edited_by"), rs.getString("field"),
                            rs.getString("old_value"), rs.getString("new_value")))));
        });
    }

    /** Events with their attributes, which MariaDB itself unpacks from the JSON column (no parsing of ours). */
    private static List<LoggedEvent> events(Connection c, String reference) throws SQLException {
        Map<Integer, LoggedEvent> events = new LinkedHashMap<>();
        Map<Integer, Map<String, String>> attributes = new LinkedHashMap<>();
        rows(c, "SELECT e.sequence, e.occurred_at, e.type, k.name,"
                + " JSON_UNQUOTE(JSON_EXTRACT(e.attributes, CONCAT('$.', JSON_QUOTE(k.name)))) AS value"
                + " FROM call_event e LEFT JOIN JSON_TABLE(JSON_KEYS(e.attributes), '$[*]'"
                + " COLUMNS (name VARCHAR(255) PATH '$')) k ON 1 WHERE e.reference = ? ORDER BY e.sequence",
                List.of(reference), rs -> {
                    int sequence = rs.getInt("sequence");
                    events.computeIfAbsent(sequence, s -> new LoggedEvent(s, utcOf(rs), typeOf(rs), Map.of()));
                    Map<String, String> of = attributes.computeIfAbsent(sequence, s -> new LinkedHashMap<>());
                    if (rs.getString("name") != null) {
                        of.put(rs.getString("name"), rs.getString("value") == null ? "" : rs.getString("value"));
                    }
                    return null;
                });
        List<LoggedEvent> result = new ArrayList<>();
        events.forEach((sequence, e) -> result.add(new LoggedEvent(sequence, e.at(), e.type(),
                attributes.get(sequence))));
        return result;
    }

    @Override
    public List<String> complete(String reference, Completion completion, String editedBy, Instant at) {
        return Transactions.inTransaction(dataSource, "complete call " + reference, c -> {
            List<Completion> current = rows(c, "SELECT summary, resolution, ticket_number, completed_by"
                    + " FROM call_record WHERE reference = ? FOR UPDATE", List.of(reference), rs -> new Completion(
                    rs.getString("summary"), rs.getString("resolution"), rs.getString("ticket_number"),
                    rs.getString("completed_by")));
            if (current.isEmpty()) {
                throw new IllegalArgumentException("no call " + reference);
            }
            Completion wanted = new Completion(completion.summary(), completion.resolution(),
                    SqlValues.fit(completion.ticketNumber(), TICKET), SqlValues.fit(completion.completedBy(),
                    COMPLETED_BY));
            Map<String, String> before = current.getFirst().fields();
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, String> field : wanted.fields().entrySet()) {
                String old = before.get(field.getKey());
                if (!java.util.Objects.equals(old, field.getValue())) {
                    changed.add(field.getKey());
                    edit(c, reference, at, editedBy, field.getKey(), old, field.getValue());
                }
            }
            if (!changed.isEmpty()) {
                update(c, "UPDATE call_record SET summary = ?, resolution = ?, ticket_number = ?, completed_by = ?,"
                        + " completed_at = CASE WHEN ? THEN COALESCE(completed_at, ?) ELSE NULL END"
                        + " WHERE reference = ?", List.of(nullable(wanted.summary()), nullable(wanted.resolution()),
                        nullable(wanted.ticketNumber()), nullable(wanted.completedBy()), wanted.isComplete(), at,
                        reference));
            }
            return changed;
        });
    }

    private static void edit(Connection c, String reference, Instant at, String by, String field, String old,
            String now) throws SQLException {
        update(c, "INSERT INTO call_record_edit (reference, edited_at, edited_by, field, old_value, new_value)"
                + " VALUES (?, ?, ?, ?, ?, ?)", List.of(reference, at, by, field, nullable(old), nullable(now)));
    }

    /** A SQL NULL among the arguments of {@link #bind} (List.of takes no nulls). */
    private enum Null { VALUE }

    private static Object nullable(String value) {
        return value == null ? Null.VALUE : value;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, List<Object> args, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection()) {
            return rows(c, sql, args, mapper);
        } catch (SQLException e) {
            throw new DatabaseException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> rows(Connection c, String sql, List<Object> args, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    private static int update(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            switch (arg) {
                case Instant instant -> SqlValues.setUtc(s, i + 1, instant);
                case Null ignored -> s.setNull(i + 1, java.sql.Types.VARCHAR);
                case Integer n -> s.setInt(i + 1, n);
                case Long n -> s.setLong(i + 1, n);
                case Boolean b -> s.setBoolean(i + 1, b);
                default -> s.setString(i + 1, arg.toString());
            }
        }
    }

    private static CallSummary summary(ResultSet rs) throws SQLException {
        return new CallSummary(rs.getString("reference"), rs.getString("line_id"), rs.getString("caller_id_number"),
                rs.getString("caller_id_name"), SqlValues.utc(rs, "started_at"), SqlValues.utc(rs, "ended_at"),
                rs.getBoolean("business_hours"), rs.getString("triage"), rs.getString("outcome"),
                rs.getString("escalation_outcome"), rs.getString("accepted_by"), integer(rs, "accepted_after_ms"),
                rs.getString("voicemail_status"), SqlValues.utc(rs, "completed_at"), rs.getString("completed_by"));
    }

    private static CallAttempt attempt(ResultSet rs) throws SQLException {
        return new CallAttempt(rs.getString("reference"), rs.getString("leg_id"), rs.getString("person_id"),
                rs.getString("person_name"), rs.getString("contact_label"), integer(rs, "round_number"),
                integer(rs, "step_number"), rs.getString("target"), SqlValues.utc(rs, "started_at"),
                SqlValues.utc(rs, "answered_at"), SqlValues.utc(rs, "ended_at"), rs.getString("outcome"),
                rs.getString("key_pressed"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant utcOf(ResultSet rs) {
        try {
            return SqlValues.utc(rs, "occurred_at");
        } catch (SQLException e) {
            throw new DatabaseException("cannot read an event time: " + e.getMessage(), e);
        }
    }

    private static String typeOf(ResultSet rs) {
        try {
            return rs.getString("type");
        } catch (SQLException e) {
            throw new DatabaseException("cannot read an event type: " + e.getMessage(), e);
        }
    }
}
