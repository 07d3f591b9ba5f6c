package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.DueWork;
import org.afterhours.followup.FollowUp;
import org.afterhours.followup.FollowUpBook;

/** {@code follow_up}: one row per call owed a follow-up; its reminders go into {@code due_work} with it. */
public final class JdbcFollowUpBook implements FollowUpBook {
    private static final String COLUMNS = "reference, cause, owed_at, due_at, done_at, done_by, done_how, note";

    private final DataSource dataSource;

    public JdbcFollowUpBook(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean owe(FollowUp followUp, List<DueWork> reminders) {
        return Transactions.inTransaction(dataSource, "owe a follow-up for " + followUp.reference(),
                c -> insert(c, followUp, reminders));
    }

    /** Inside the caller's transaction; @return false when the call owed one already (then nothing is scheduled) */
    static boolean insert(Connection c, FollowUp followUp, List<DueWork> reminders) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO follow_up (reference, cause, owed_at, due_at)"
                + " VALUES (?, ?, ?, ?)")) {
            s.setString(1, followUp.reference().digits());
            s.setString(2, followUp.cause().name());
            SqlValues.setUtc(s, 3, followUp.owedAt());
            SqlValues.setUtc(s, 4, followUp.dueAt());
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        JdbcDueWorkQueue.insert(c, reminders);
        return true;
    }

    @Override
    public Optional<FollowUp> find(ReferenceNumber reference) {
        List<FollowUp> found = query("SELECT " + COLUMNS + " FROM follow_up WHERE reference = ?", s ->
                s.setString(1, reference.digits()));
        return found.stream().findFirst();
    }

    @Override
    public boolean complete(ReferenceNumber reference, FollowUp.Done done) {
        return Transactions.inTransaction(dataSource, "complete the follow-up of " + reference, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE follow_up SET done_at = ?, done_by = ?,"
                    + " done_how = ?, note = ? WHERE reference = ? AND done_at IS NULL")) {
                SqlValues.setUtc(s, 1, done.at());
                s.setString(2, SqlValues.fit(done.by(), 80));
                s.setString(3, done.how().name());
                s.setString(4, SqlValues.fit(done.note(), 10_000));
                s.setString(5, reference.digits());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<FollowUp> open(Instant now, boolean overdueOnly) {
        return query("SELECT " + COLUMNS + " FROM follow_up WHERE done_at IS NULL"
                + (overdueOnly ? " AND due_at <= ?" : "") + " ORDER BY due_at, reference", s -> {
                    if (overdueOnly) {
                        SqlValues.setUtc(s, 1, now);
                    }
                });
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<FollowUp> query(String sql, Binder binder) {
        return Transactions.inTransaction(dataSource, "read follow-ups", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                List<FollowUp> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
    }

    private static FollowUp read(ResultSet rs) throws SQLException {
        Instant doneAt = SqlValues.utc(rs, "done_at");
        Optional<FollowUp.Done> done = doneAt == null ? Optional.empty() : Optional.of(new FollowUp.Done(
                rs.getString("done_by"), FollowUpMethod.parse(rs.getString("done_how")), doneAt, rs.getString("note")));
        return new FollowUp(new ReferenceNumber(rs.getString("reference")),
                FollowUpCause.valueOf(rs.getString("cause")), SqlValues.utc(rs, "owed_at"),
                SqlValues.utc(rs, "due_at"), done);
    }
}
