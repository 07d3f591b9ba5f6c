package org.afterhours.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.afterhours.db.TestDatabases;

/**
 * Every call a test places owes deadlines (a message's clock, a follow-up) that stay in the shared test database. A
 * test that runs the server at a later instant would work all of them off first; it retires them before it starts,
 * so it waits only for its own. Tests run one at a time in this JVM: nothing retired here is still wanted.
 */
final class LeftoverDueWork {
    private LeftoverDueWork() {
    }

    static void retireDueBy(Instant instant) throws SQLException {
        try (Connection c = TestDatabases.shared().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE due_work SET state = 'DONE', result = 'retired by a"
                     + " later test' WHERE state IN ('PENDING', 'CLAIMED') AND due_at <= ?")) {
            s.setObject(1, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            s.executeUpdate();
        }
    }
}
