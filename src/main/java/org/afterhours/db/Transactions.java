package org.afterhours.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transaction on one pooled connection: committed when the work returns, rolled back when it throws.
 *
 * <p>A transaction that fails for a reason that goes away is run again, whole, on a fresh connection, up to
 * {@value #ATTEMPTS} times: a deadlock, which on a Galera cluster is also how a member reports that another member
 * committed a conflicting write first (certification failure, {@code ER_LOCK_DEADLOCK}); a member that is not part
 * of the cluster's primary component; and a connection lost under the work (a member died; the driver's
 * multi-host URL reaches another). Every write path of this package is safe to run twice, because a lost
 * connection can hide a commit that did happen.
 */
final class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    static final int ATTEMPTS = 5;
    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final int ER_UNKNOWN_COM_ERROR = 1047; // "WSREP has not yet prepared node for application use"
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    /** @param what for the error message: "cannot <what>" */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(connect(dataSource, what), work);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !isTransient(e)) {
                    throw new DatabaseException("cannot " + what + ": " + e.getMessage(), e);
                }
                log.info("{}: {}; trying again ({} of {})", what, e.getMessage(), attempt + 1, ATTEMPTS);
                pauseBefore(attempt + 1);
            }
        }
    }

    /** True for a failure that running the same transaction again can overcome. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ER_LOCK_DEADLOCK
                    || sql.getErrorCode() == ER_UNKNOWN_COM_ERROR
                    || SERIALIZATION_FAILURE.equals(sql.getSQLState())
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)))) {
                return true;
            }
        }
        return false;
    }

    /** Not retried: the pool has waited its whole connection timeout already, trying every host of the URL. */
    private static Connection connect(DataSource dataSource, String what) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static <T> T once(Connection connection, Work<T> work) throws SQLException {
        try (Connection c = connection) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // a dead connection cannot roll back; the server did so when it lost it
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool evicts it on close
        }
    }

    /** A short, growing, jittered pause, so that two conflicting writers do not meet again at once. */
    private static void pauseBefore(int attempt) {
        long millis = (10L << attempt) + ThreadLocalRandom.current().nextLong(10);
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while retrying a transaction");
        }
    }
}
