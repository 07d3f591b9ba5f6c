package org.afterhours.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    /**
     * The id of a new row, less one. Ids need not be consecutive: a Galera cluster hands each member its own
     * offset and steps by the cluster's size (wsrep_auto_increment_control), so blocks from different members are
     * different numbers; a retried insert (a lost connection can hide a commit) only leaves a block unused.
     */
    @Override
    public long allocateBlock() {
        return Transactions.inTransaction(dataSource, "allocate a block of reference numbers", c -> {
            try (PreparedStatement s = c.prepareStatement(
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
            }
        });
    }
}
