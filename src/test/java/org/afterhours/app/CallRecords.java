package org.afterhours.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterhours.db.TestDatabases;

/**
 * What the shared test database holds about one call, by its reference number. Each method reads once: the call
 * journal's writer fills these tables on its own thread, so a test waits (Awaitility) for what it asserts.
 */
final class CallRecords {
    private CallRecords() {
    }

    /** The call_record row, column by column; empty while there is none. */
    static Map<String, String> callRecord(String reference) throws SQLException {
        try (Connection c = TestDatabases.shared().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM call_record WHERE reference = ?")) {
            s.setString(1, reference);
            try (ResultSet r = s.executeQuery()) {
                Map<String, String> row = new LinkedHashMap<>();
                if (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getString(i));
                    }
                }
                return row;
            }
        }
    }

    /** "person OUTCOME" for each attempt, in the order they started. */
    static List<String> attempts(String reference) throws SQLException {
        return column("SELECT CONCAT(person_id, ' ', outcome) FROM call_attempt WHERE reference = ?"
                + " ORDER BY started_at, leg_id", reference);
    }

    static List<String> events(String reference) throws SQLException {
        return column("SELECT type FROM call_event WHERE reference = ? ORDER BY sequence", reference);
    }

    static int recordCount(String reference) throws SQLException {
        return Integer.parseInt(column("SELECT COUNT(*) FROM call_record WHERE reference = ?", reference).get(0));
    }

    /** The first column of every row {@code sql} selects for {@code reference}. */
    private static List<String> column(String sql, String reference) throws SQLException {
        try (Connection c = TestDatabases.shared().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reference);
            try (ResultSet r = s.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (r.next()) {
                    values.add(r.getString(1));
                }
                return values;
            }
        }
    }
}
