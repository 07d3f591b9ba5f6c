package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.DueKind;
import org.afterhours.followup.DueWork;
import org.afterhours.followup.DueWorkQueue;

/**
 * {@code due_work} in MariaDB. A claim is one short transaction: {@code SELECT ... FOR UPDATE SKIP LOCKED} picks due
 * rows no other transaction holds, and an update marks them this node's before the locks go; a second node claiming
 * at the same moment skips those rows instead of waiting for them, and after the commit sees them claimed.
 */
public final class JdbcDueWorkQueue implements DueWorkQueue {
    private static final int RESULT = 500;
    /** Only kinds this node knows how to fire: a newer node's kinds wait for a node that knows them. */
    private static final String KNOWN_KINDS = Arrays.stream(DueKind.values()).map(k -> "'" + k.name() + "'")
            .collect(Collectors.joining(", "));

    private final DataSource dataSource;

    public JdbcDueWorkQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void schedule(List<DueWork> items) {
        if (items.isEmpty()) {
            return;
        }
        Transactions.inTransaction(dataSource, "schedule " + items.size() + " due item(s)", c -> {
            insert(c, items);
            return null;
        });
    }

    /** Inserts inside the caller's transaction (the call log's projection schedules with the event that owes it). */
    static void insert(Connection c, List<DueWork> items) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT IGNORE INTO due_work (reference, kind, step, due_at) VALUES (?, ?, ?, ?)")) {
            for (DueWork item : items) {
                s.setString(1, item.reference().digits());
                s.setString(2, item.kind().name());
                s.setInt(3, item.step());
                SqlValues.setUtc(s, 4, item.dueAt());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Override
    public List<DueWork> claim(String node, Instant now, Duration lease, int max) {
        return Transactions.inTransaction(dataSource, "claim due items", c -> {
            // Two reads, each in its index's order, so InnoDB locks only the rows it hands out: one read with an
            // OR (or any order needing a sort) would lock every due row and leave the other nodes nothing to claim.
            List<DueWork> due = select(c, "state = 'PENDING' AND due_at <= ? ORDER BY due_at", now, max);
            if (due.size() < max) {
                due.addAll(select(c, "state = 'CLAIMED' AND claimed_at <= ? ORDER BY claimed_at", now.minus(lease),
                        max - due.size()));
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE due_work SET state = 'CLAIMED', claimed_by = ?,"
                    + " claimed_at = ?, attempts = ? WHERE id = ?")) {
                for (DueWork item : due) {
                    s.setString(1, SqlValues.fit(node, 64));
                    SqlValues.setUtc(s, 2, now);
                    s.setInt(3, item.attempts());
                    s.setLong(4, item.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return due;
        });
    }

    private static List<DueWork> select(Connection c, String condition, Instant bound, int max) throws SQLException {
        List<DueWork> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, reference, kind, step, due_at, attempts"
                + " FROM due_work WHERE kind IN (" + KNOWN_KINDS + ") AND " + condition + " LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")) {
            SqlValues.setUtc(s, 1, bound);
            s.setInt(2, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(new DueWork(rs.getLong("id"), new ReferenceNumber(rs.getString("reference")),
                            DueKind.valueOf(rs.getString("kind")), rs.getInt("step"), SqlValues.utc(rs, "due_at"),
                            rs.getInt("attempts") + 1));
                }
            }
        }
        return due;
    }

    @Override
    public void done(DueWork item, String node, String result, Instant at) {
        report(item, node, "DONE", result, "finished_at = ?", at);
    }

    @Override
    public void failed(DueWork item, String node, String error, Instant at) {
        report(item, node, "FAILED", error, "finished_at = ?", at);
    }

    @Override
    public void retry(DueWork item, String node, String error, Instant dueAt) {
        report(item, node, "PENDING", error, "due_at = ?, claimed_by = NULL, claimed_at = NULL", dueAt);
    }

    /** Only the claim's holder reports: a node whose lease ran out (and was taken over) changes nothing. */
    private void report(DueWork item, String node, String state, String result, String assignTime, Instant time) {
        Transactions.inTransaction(dataSource, "mark " + item + " " + state, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE due_work SET state = ?, result = ?, " + assignTime
                    + " WHERE id = ? AND state = 'CLAIMED' AND claimed_by = ? AND attempts = ?")) {
                s.setString(1, state);
                s.setString(2, SqlValues.fit(result, RESULT));
                SqlValues.setUtc(s, 3, time);
                s.setLong(4, item.id());
                s.setString(5, SqlValues.fit(node, 64));
                s.setInt(6, item.attempts());
                return s.executeUpdate();
            }
        });
    }
}
