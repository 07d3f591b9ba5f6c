package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Reads and writes {@code agi_session}. Both writes can be replayed (the journal may deliver an
 * event twice after a crash) without duplicating a row or failing.
 */
public final class AgiSessionRepository {

    // Column sizes in V1__agi_sessions.sql, in characters. Text from the caller is cut to fit
    // instead of failing the write: a long caller ID must not lose the call's record.
    private static final int UNIQUEID = 64;
    private static final int LONG_TEXT = 255;
    private static final int CALLER = 80;
    private static final int ADDRESS = 64;
    private static final int OUTCOME = 32;

    private static final String COLUMNS = "id, asterisk_uniqueid, script, channel, caller_id_number, caller_id_name,"
            + " dnid, remote_address, started_at, ended_at, outcome, outcome_detail";

    private static final String END = "UPDATE agi_session SET ended_at = ?, outcome = ?, outcome_detail = ? WHERE id = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM agi_session WHERE id = ?";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM agi_session ORDER BY started_at DESC, id DESC LIMIT ?";

    private final DataSource dataSource;

    public AgiSessionRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** How a session ended, for {@link #record}. */
    public record SessionEnd(String id, Instant endedAt, String outcome, String detail) {
        public SessionEnd {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(endedAt, "endedAt");
        }
    }

    /** Inserts the session unless a row with its id exists already. */
    public void recordStart(AgiSessionRecord r) {
        record(List.of(r), List.of());
    }

    /** Sets how the session ended; replaying it with the same values changes nothing. */
    public void recordEnd(String id, Instant endedAt, String outcome, String detail) {
        record(List.of(), List.of(new SessionEnd(id, endedAt, outcome, detail)));
    }

    /**
     * Starts and ends in one transaction of two statements, the starts first: a session's end is never journaled
     * before its start, and an end whose start is in the same batch must find the row.
     */
    public void record(List<AgiSessionRecord> starts, List<SessionEnd> ends) {
        if (starts.isEmpty() && ends.isEmpty()) {
            return;
        }
        Transactions.inTransaction(dataSource, "record " + starts.size() + " start(s) and " + ends.size()
                + " end(s) of AGI sessions", c -> {
            if (!starts.isEmpty()) {
                insertStarts(c, starts);
            }
            if (!ends.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(END)) {
                    for (SessionEnd end : ends) {
                        SqlValues.setUtc(s, 1, end.endedAt());
                        s.setString(2, SqlValues.fit(end.outcome(), OUTCOME));
                        s.setString(3, SqlValues.fit(end.detail(), LONG_TEXT));
                        s.setString(4, end.id());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            return null;
        });
    }

    /** One multi-row insert; "id = id" changes nothing: a replayed start keeps the row as it is (even if ended). */
    private static void insertStarts(Connection c, List<AgiSessionRecord> starts) throws SQLException {
        String row = "(" + "?, ".repeat(11) + "?)";
        String sql = "INSERT INTO agi_session (" + COLUMNS + ") VALUES " + String.join(", ",
                Collections.nCopies(starts.size(), row)) + " ON DUPLICATE KEY UPDATE id = id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 0;
            for (AgiSessionRecord r : starts) {
                s.setString(++i, r.id());
                s.setString(++i, SqlValues.fit(r.asteriskUniqueId(), UNIQUEID));
                s.setString(++i, SqlValues.fit(r.script(), LONG_TEXT));
                s.setString(++i, SqlValues.fit(r.channel(), LONG_TEXT));
                s.setString(++i, SqlValues.fit(r.callerIdNumber(), CALLER));
                s.setString(++i, SqlValues.fit(r.callerIdName(), CALLER));
                s.setString(++i, SqlValues.fit(r.dnid(), CALLER));
                s.setString(++i, SqlValues.fit(r.remoteAddress(), ADDRESS));
                SqlValues.setUtc(s, ++i, r.startedAt());
                SqlValues.setUtc(s, ++i, r.endedAt());
                s.setString(++i, SqlValues.fit(r.outcome(), OUTCOME));
                s.setString(++i, SqlValues.fit(r.outcomeDetail(), LONG_TEXT));
            }
            s.executeUpdate();
        }
    }

    public Optional<AgiSessionRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot read AGI session " + id, e);
        }
    }

    /** The {@code limit} sessions that started last, newest first. */
    public List<AgiSessionRecord> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECENT)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<AgiSessionRecord> sessions = new ArrayList<>();
                while (rs.next()) {
                    sessions.add(read(rs));
                }
                return sessions;
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot read recent AGI sessions", e);
        }
    }

    private static AgiSessionRecord read(ResultSet rs) throws SQLException {
        return new AgiSessionRecord(
                rs.getString("id"),
                rs.getString("asterisk_uniqueid"),
                rs.getString("script"),
                rs.getString("channel"),
                rs.getString("caller_id_number"),
                rs.getString("caller_id_name"),
                rs.getString("dnid"),
                rs.getString("remote_address"),
                SqlValues.utc(rs, "started_at"),
                SqlValues.utc(rs, "ended_at"),
                rs.getString("outcome"),
                rs.getString("outcome_detail"));
    }
}
