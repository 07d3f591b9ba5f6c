package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction that loses a deadlock (on Galera also: a certification conflict with another member) runs again
 * instead of failing its caller; a real mistake fails at once.
 */
class TransactionsTest {
    private final DataSource dataSource = TestDatabases.shared().dataSource();
    private final AgiSessionRepository sessions = new AgiSessionRepository(dataSource);
    private final String first = UUID.randomUUID().toString();
    private final String second = UUID.randomUUID().toString();

    @BeforeEach
    void twoRows() {
        Instant at = Instant.parse("2026-11-18T03:30:00Z");
        for (String id : List.of(first, second)) {
            sessions.recordStart(new AgiSessionRecord(id, "tx-" + id, "probe", null, null, null, null, null, at,
                    null, null, null));
        }
    }

    @AfterEach
    void deleteRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM agi_session WHERE id IN (?, ?)")) {
            s.setString(1, first);
            s.setString(2, second);
            s.executeUpdate();
        }
    }

    @Test
    void two_writers_that_deadlock_both_commit_because_the_loser_runs_again() throws Exception {
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        try (ExecutorService writers = Executors.newFixedThreadPool(2)) {
            Future<Integer> forward = writers.submit(() -> lockBoth(first, second, "forward", bothHoldTheirFirstRow, runs));
            Future<Integer> backward = writers.submit(() -> lockBoth(second, first, "backward", bothHoldTheirFirstRow, runs));
            assertEquals(1, forward.get());
            assertEquals(1, backward.get());
        }
        assertEquals(3, runs.get(), "each ran once, and the deadlock's victim once more");
        String firstOutcome = sessions.find(first).orElseThrow().outcome();
        assertEquals(firstOutcome, sessions.find(second).orElseThrow().outcome(),
                "the transaction that committed last wrote both rows");
    }

    @Test
    void a_deadlock_a_serialization_failure_and_a_lost_connection_are_worth_another_try_a_duplicate_key_is_not() {
        assertTrue(Transactions.isTransient(new SQLException("Deadlock found", "40001", 1213)));
        assertTrue(Transactions.isTransient(new SQLTransactionRollbackException("certification", "40001", 1213)));
        assertTrue(Transactions.isTransient(new SQLException("WSREP has not yet prepared node", "08S01", 1047)));
        assertTrue(Transactions.isTransient(new SQLNonTransientConnectionException("socket closed", "08000", 0)));
        assertTrue(Transactions.isTransient(new SQLException("batch failed", "HY000", 0,
                new SQLException("Deadlock found", "40001", 1213))));
        assertFalse(Transactions.isTransient(new SQLException("Duplicate entry", "23000", 1062)));
        assertFalse(Transactions.isTransient(new SQLException("syntax", "42000", 1064)));
    }

    /** Marks row {@code one}, waits (on the first runs) until the other writer holds its first row, marks {@code two}. */
    private int lockBoth(String one, String two, String name, CyclicBarrier barrier, AtomicInteger runs) {
        return Transactions.inTransaction(dataSource, name, c -> {
            int run = runs.incrementAndGet();
            mark(c, one, name);
            if (run <= 2) {
                await(barrier);
            }
            return mark(c, two, name);
        });
    }

    private static int mark(Connection c, String id, String outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agi_session SET outcome = ? WHERE id = ?")) {
            s.setString(1, outcome);
            s.setString(2, id);
            return s.executeUpdate();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
