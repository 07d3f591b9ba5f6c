package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.afterhours.calllog.CallJournal;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SIGTERM stops the server in order: live calls finish, the writers drain, and only then the database stops. */
@Tag("clock")
@Tag("faults")
class GracefulStopTest {

    @Test
    void a_stop_lets_the_live_call_finish_and_writes_every_event_before_the_database_stops() throws Exception {
        Path dataDir = TestDatabases.targetDir("graceful-stop-" + System.nanoTime());
        Callers.Placed call;
        String log;
        int exit;
        try (ServerInChildJvm server = ServerInChildJvm.serve(dataDir,
                Map.of("AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true"));
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch live = new CountDownLatch(1);
            CountDownLatch stopping = new CountDownLatch(1);
            Future<Callers.Placed> placed = threads.submit(() -> new Callers(server.agiPort()).call(1, line -> {
                if (line.startsWith("> SAY DIGITS") && live.getCount() > 0) {
                    live.countDown(); // the call is mid-way: hold it here until the server is stopping
                    await(stopping);
                }
            }));
            live.await();
            long stopAt = System.nanoTime();
            Future<Integer> stopped = threads.submit(() -> server.stop(Duration.ofSeconds(90)));
            server.awaitLog("stopping: waiting", Duration.ofSeconds(30));
            stopping.countDown();
            call = placed.get();
            exit = stopped.get();
            System.out.println("graceful stop with 1 live call: SIGTERM to exit " + (System.nanoTime() - stopAt)
                    / 1_000_000 + " ms");
            log = server.log();
        }

        assertEquals(143, exit, "SIGTERM's exit code after the shutdown hook ran:\n" + log);
        assertInOrder(log, "stopping: waiting up to PT30S for 1 live call(s)", "FastAGI server stopped",
                "afterhours stopped", TestDatabases.isExternal() ? "" : "embedded MariaDB stopped");
        assertFalse(log.contains("call log database unavailable"), log);
        assertFalse(log.contains("not logged"), log);
        try (CallJournal journal = CallJournal.open(dataDir.resolve("journal"))) {
            assertEquals(0, journal.pendingCount(), "every event reached the database before it stopped");
        }
        try (Database database = callLogOf(dataDir)) {
            CallLogAudit audit = CallLogAudit.of(database.dataSource(), List.of(call));
            assertTrue(audit.clean(), audit.toString());
            try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT outcome FROM agi_session WHERE asterisk_uniqueid = ?")) {
                s.setString(1, call.uniqueId());
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), "the call's session row");
                    assertEquals("COMPLETED", r.getString(1), "the session row is closed");
                }
            }
        }
    }

    private static void assertInOrder(String log, String... lines) {
        int at = 0;
        for (String line : lines) {
            int found = log.indexOf(line, at);
            assertTrue(found >= 0, "'" + line + "' after position " + at + " in:\n" + log);
            at = found + line.length();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The database the child wrote to: its own embedded one (started again on its folder), or the external one. */
    static Database callLogOf(Path dataDir) {
        if (TestDatabases.isExternal()) {
            return Database.start(DatabaseSettings.external(System.getenv("AFTERHOURS_DB_URL"),
                    System.getenv().getOrDefault("AFTERHOURS_DB_USER", "root"),
                    System.getenv().getOrDefault("AFTERHOURS_DB_PASSWORD", "")));
        }
        return Database.start(DatabaseSettings.embedded(dataDir));
    }
}
