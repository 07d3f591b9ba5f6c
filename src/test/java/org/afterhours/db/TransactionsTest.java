package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real deadlock on the test database: the transaction InnoDB picks as its victim (the one that changed fewer rows)
 * gets ER_LOCK_DEADLOCK, the error a Galera member also gives a transaction that lost certification.
 */
class TransactionsTest {
    private final DataSource dataSource = TestDatabases.shared().dataSource();
    private final String table = "tx_retry_" + System.nanoTime();

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
            s.execute("INSERT INTO " + table + " SELECT seq, 0 FROM seq_1_to_200");
        }
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void a_transaction_chosen_as_deadlock_victim_is_run_again_and_commits() throws Exception {
        CountDownLatch otherHoldsRowOne = new CountDownLatch(1);
        CountDownLatch workHoldsRowTwo = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        // The other transaction changes many rows, so that InnoDB rolls back ours, which changed one.
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                update(c, "id BETWEEN 3 AND 200", 1);
                update(c, "id = 1", 1);
                otherHoldsRowOne.countDown();
                assertTrue(workHoldsRowTwo.await(10, TimeUnit.SECONDS));
                update(c, "id = 2", 1); // waits for our row 2: the cycle closes
                c.commit();
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());

        int changed = Transactions.inTransaction(dataSource, "test", c -> {
            attempts.incrementAndGet();
            int n = update(c, "id = 2", 10);
            if (attempts.get() == 1) {
                workHoldsRowTwo.countDown();
                try {
                    assertTrue(otherHoldsRowOne.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return n + update(c, "id = 1", 10);
        });
        other.get(20, TimeUnit.SECONDS);

        assertEquals(2, attempts.get(), "the victim ran twice");
        assertEquals(2, changed);
        assertEquals(11, value(1), "other's 1, then ours");
        assertEquals(11, value(2));
    }

    @Test
    void other_errors_are_not_retried() {
        AtomicInteger attempts = new AtomicInteger();
        DatabaseException e = org.junit.jupiter.api.Assertions.assertThrows(DatabaseException.class,
                () -> Transactions.inTransaction(dataSource, "test", c -> {
                    attempts.incrementAndGet();
                    return update(c, "no_such_column = 1", 1);
                }));
        assertEquals(1, attempts.get());
        assertTrue(e.getMessage().startsWith("cannot test: "), e.getMessage());
    }

    @Test
    void work_whose_connection_is_lost_midway_runs_again_on_a_new_one() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        int changed = Transactions.inTransaction(dataSource, "test", c -> {
            int n = update(c, "id = 3", 100);
            if (attempts.incrementAndGet() == 1) {
                killFromElsewhere(c); // as a cluster member dying under the transaction would
            }
            return n + update(c, "id = 4", 100);
        });
        assertEquals(2, attempts.get(), "ran again after the connection was lost");
        assertEquals(2, changed);
        assertEquals(100, value(3), "the first attempt's change was rolled back with its connection");
        assertEquals(100, value(4));
    }

    @Test
    void a_deadlock_a_member_outside_the_primary_component_and_a_lost_connection_are_transient_a_mistake_is_not() {
        assertTrue(Transactions.isTransient(new SQLException("Deadlock found", "40001", 1213)));
        assertTrue(Transactions.isTransient(new SQLException("WSREP has not yet prepared node", "08S01", 1047)));
        assertTrue(Transactions.isTransient(new SQLNonTransientConnectionException("socket closed", "08000", 0)));
        assertTrue(Transactions.isTransient(new SQLException("batch failed", "HY000", 0,
                new SQLException("Deadlock found", "40001", 1213))));
        assertFalse(Transactions.isTransient(new SQLException("Duplicate entry", "23000", 1062)));
        assertFalse(Transactions.isTransient(new SQLException("syntax", "42000", 1064)));
    }

    private void killFromElsewhere(Connection victim) throws SQLException {
        long id;
        try (Statement s = victim.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
            r.next();
            id = r.getLong(1);
        }
        try (Connection other = dataSource.getConnection(); Statement s = other.createStatement()) {
            s.execute("KILL CONNECTION " + id);
        }
    }

    private int update(Connection c, String where, int add) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET v = v + ? WHERE " + where)) {
            s.setInt(1, add);
            return s.executeUpdate();
        }
    }

    private int value(int id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT v FROM " + table + " WHERE id = ?")) {
            s.setInt(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
