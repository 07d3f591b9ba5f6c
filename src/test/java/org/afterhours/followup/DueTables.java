package org.afterhours.followup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.TestDatabases;

/** The shared test database's after-call tables, seen through references of one test's own. */
final class DueTables {
    final DataSource dataSource = TestDatabases.shared().dataSource();
    /** Each test uses references from a random block of 1000, deleted afterwards. */
    private final int first = 2_000_000 + ThreadLocalRandom.current().nextInt(7_000) * 1000;

    ReferenceNumber reference(int n) {
        return new ReferenceNumber(Integer.toString(first + n));
    }

    String state(ReferenceNumber reference) throws SQLException {
        return text("SELECT GROUP_CONCAT(CONCAT(kind, ':', step, ':', state, ':', attempts) ORDER BY due_at, kind, step"
                + " SEPARATOR ' ') FROM due_work WHERE reference = ?", reference);
    }

    String text(String sql, ReferenceNumber reference) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reference.digits());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void deleteOurs() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (String table : new String[] {"due_work", "after_call_event", "follow_up", "call_record", "call_event"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                        + " WHERE reference BETWEEN ? AND ?")) {
                    s.setString(1, Integer.toString(first));
                    s.setString(2, Integer.toString(first + 999));
                    s.executeUpdate();
                }
            }
        }
    }
}
