package org.afterhours.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.MessageStatus;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.AfterCallRecord;
import org.afterhours.followup.CallSummary;

/** The call's row and its events, read and moved by the timers; every status change is one conditional update. */
public final class JdbcAfterCallRecord implements AfterCallRecord {
    private static final String PENDING = MessageStatus.PENDING_RESPONSE.name();
    private static final String ACKNOWLEDGED = MessageStatus.ACKNOWLEDGED.name();
    private static final String RESPONDED = MessageStatus.RESPONDED.name();
    private static final String BREACHED = MessageStatus.BREACHED.name();
    /** The moves MessageStatus allows, as SQL lists: the enum is their one home. */
    private static final String ACKNOWLEDGEABLE = inList(MessageStatus::canBeAcknowledged);
    private static final String RESPONDABLE = inList(MessageStatus::canBeResponded);
    private static final String BREACHABLE = inList(MessageStatus::canBreach);

    private final DataSource dataSource;

    public JdbcAfterCallRecord(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The first time a column's event happened; a message is kept by either of two events (see Obligations). */
    private static final String FIRST = "(SELECT MIN(occurred_at) FROM call_event e WHERE e.reference = r.reference"
            + " AND e.type IN (%s))";
    private static final String COLUMNS = "r.reference, r.line_id, r.caller_id_number, r.caller_id_name,"
            + " r.started_at, r.voicemail_path, r.voicemail_format, r.voicemail_urgent, r.voicemail_status,"
            + " r.accepted_by, " + FIRST.formatted("'" + CallEventType.TRIAGED + "'") + " AS triaged_at, "
            + FIRST.formatted("'" + CallEventType.VOICEMAIL_KEPT + "', '" + CallEventType.VOICEMAIL_HANDED_TO_DIALPLAN
                    + "'") + " AS kept_at, "
            + FIRST.formatted("'" + CallEventType.TECHNICIAN_ACCEPTED + "'") + " AS accepted_at";

    @Override
    public Optional<CallSummary> call(ReferenceNumber reference) {
        String sql = "SELECT " + COLUMNS + " FROM call_record r WHERE r.reference = ?";
        return Transactions.inTransaction(dataSource, "read call " + reference, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, reference.digits());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(reference, rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<CallSummary> waitingMessages(Instant keptBy) {
        String sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM call_record r WHERE r.voicemail_status IN "
                + RESPONDABLE + ") m WHERE m.kept_at <= ? ORDER BY m.kept_at, m.reference";
        return Transactions.inTransaction(dataSource, "read the messages waiting", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                SqlValues.setUtc(s, 1, keptBy);
                List<CallSummary> waiting = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        waiting.add(read(new ReferenceNumber(rs.getString("reference")), rs));
                    }
                }
                return waiting;
            }
        });
    }

    private static CallSummary read(ReferenceNumber reference, ResultSet rs) throws SQLException {
        String path = rs.getString("voicemail_path");
        String format = rs.getString("voicemail_format");
        String recording = path == null ? "" : format == null || format.isEmpty() ? path : path + "." + format;
        return new CallSummary(reference, rs.getString("line_id"), rs.getString("caller_id_number"),
                rs.getString("caller_id_name"), SqlValues.utc(rs, "started_at"),
                Optional.ofNullable(SqlValues.utc(rs, "triaged_at")), recording, rs.getBoolean("voicemail_urgent"),
                MessageStatus.parse(rs.getString("voicemail_status")), Optional.ofNullable(SqlValues.utc(rs, "kept_at")),
                Optional.ofNullable(rs.getString("accepted_by")),
                Optional.ofNullable(SqlValues.utc(rs, "accepted_at")));
    }


    private static String inList(Predicate<MessageStatus> rule) {
        return MessageStatus.where(rule).stream().map(s -> "'" + s.name() + "'").sorted()
                .collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public boolean acknowledge(ReferenceNumber reference, String by, Instant at) {
        return change(reference, "acknowledge", "voicemail_status = IF(voicemail_status = '" + PENDING + "', '"
                + ACKNOWLEDGED + "', voicemail_status), message_acknowledged_at = ?, message_acknowledged_by = ?"
                + " WHERE reference = ? AND message_acknowledged_at IS NULL AND voicemail_status IN " + ACKNOWLEDGEABLE,
                at, by);
    }

    @Override
    public boolean respond(ReferenceNumber reference, String by, Instant at) {
        return change(reference, "mark answered", "voicemail_status = '" + RESPONDED + "', message_responded_at = ?,"
                + " message_responded_by = ? WHERE reference = ? AND voicemail_status IN " + RESPONDABLE, at, by);
    }

    @Override
    public boolean breach(ReferenceNumber reference, Instant at) {
        return change(reference, "breach", "voicemail_status = '" + BREACHED + "', message_breached_at = ?"
                + " WHERE reference = ? AND voicemail_status IN " + BREACHABLE, at, null);
    }

    @Override
    public void responseBreached(ReferenceNumber reference, Instant at) {
        change(reference, "mark the response breached", "response_breached_at = COALESCE(response_breached_at, ?)"
                + " WHERE reference = ?", at, null);
    }

    /** {@code UPDATE call_record SET <assignments>} with the time, then who (if given), then the reference bound. */
    private boolean change(ReferenceNumber reference, String what, String assignments, Instant at, String by) {
        return Transactions.inTransaction(dataSource, what + " message " + reference, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE call_record SET " + assignments)) {
                int index = 1;
                SqlValues.setUtc(s, index++, at);
                if (by != null) {
                    s.setString(index++, SqlValues.fit(by, 80));
                }
                s.setString(index, reference.digits());
                // Two calls read the same reference (flagged on their rows) share its deadlines and its state.
                return s.executeUpdate() >= 1;
            }
        });
    }
}
