package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.afterhours.calllog.ReferenceBlockSource;

/** Reference-number blocks from MariaDB's AUTO_INCREMENT: safe across nodes (and Galera, which spaces the ids). */
public final class JdbcReferenceBlockSource implements ReferenceBlockSource {
    private final DataSource dataSource;
    private final String node;
    private final Clock clock;

    public JdbcReferenceBlockSource(DataSource dataSource, String node, Clock clock) {
        this.dataSource = dataSource;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public long allocateBlock() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO reference_block (allocated_at, node) VALUES (?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            SqlValues.setUtc(s, 1, clock.instant());
            s.setString(2, SqlValues.fit(node, 64));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new DatabaseException("no block id returned");
                }
                return keys.getLong(1) - 1; // AUTO_INCREMENT starts at 1, blocks at 0
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot allocate a block of reference numbers", e);
        }
    }
}
