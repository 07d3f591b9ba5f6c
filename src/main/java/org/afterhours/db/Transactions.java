package org.afterhours.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transaction on one pooled connection: committed when the work returns, rolled back when it throws.
 *
 * <p>A transaction chosen as a deadlock victim is run again, up to {@value #ATTEMPTS} times in all. On one server
 * that is InnoDB breaking a lock cycle; on a Galera cluster it is also how a transaction that lost certification
 * to a conflicting write on another member ends (ER_LOCK_DEADLOCK, SQLSTATE 40001): the work must be repeatable,
 * which all of ours is (SQL only, no side effect outside the transaction).
 */
final class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    static final int ATTEMPTS = 3;
    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    /** @param what for the error message: "cannot <what>" */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(dataSource, work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isDeadlock(e)) {
                    log.info("{}: deadlock or certification conflict ({}); trying again", what, e.getMessage());
                    continue;
                }
                throw new DatabaseException("cannot " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private static <T> T once(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static boolean isDeadlock(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ER_LOCK_DEADLOCK
                    || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
