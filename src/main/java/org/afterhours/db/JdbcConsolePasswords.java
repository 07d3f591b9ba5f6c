package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.oncall.ConsolePasswords;

/** Console password hashes of one setup's people ({@code console_credential}). */
public final class JdbcConsolePasswords implements ConsolePasswords {
    private final DataSource dataSource;
    private final String setup;

    public JdbcConsolePasswords(DataSource dataSource, String setup) {
        this.dataSource = dataSource;
        this.setup = setup;
    }

    @Override
    public Optional<String> hash(String personId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT password_hash FROM console_credential WHERE setup = ? AND person_id = ?")) {
            s.setString(1, setup);
            s.setString(2, personId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the console password of " + personId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void store(String personId, String hash, Instant at) {
        Transactions.inTransaction(dataSource, "store the console password of " + personId, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO console_credential"
                    + " (setup, person_id, password_hash, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash), updated_at = VALUES(updated_at)")) {
                s.setString(1, setup);
                s.setString(2, personId);
                s.setString(3, hash);
                SqlValues.setUtc(s, 4, at);
                return s.executeUpdate();
            }
        });
    }
}
