package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.db.Database;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server JVM killed with SIGKILL while calls are live, then started again on the same folder as a supervisor
 * would: it starts (its own orphaned mariadbd is stopped cleanly), and the calls the dead process left open are
 * closed as CUT_OFF; every call has exactly one record, events 1..n, nothing open.
 */
@Tag("clock")
@Tag("faults")
class ServerKilledTest {
    private static final int FINISHED_CALLS = 100;
    private static final int LIVE_CALLS = 20;
    private static final Map<String, String> ENV = Map.of("AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true",
            "AFTERHOURS_NODE_ID", "7");

    @Test
    void a_killed_server_starts_again_on_its_folder_and_closes_the_calls_it_left_open() throws Exception {
        Path dataDir = TestDatabases.targetDir("server-killed-" + System.nanoTime());
        List<Callers.Placed> finished;
        List<Callers.Placed> cutOff = new ArrayList<>();
        long recoveredMillis;
        String secondLog;
        try (ServerInChildJvm first = ServerInChildJvm.serve(dataDir, ENV);
             ExecutorService lines = Executors.newVirtualThreadPerTaskExecutor()) {
            Callers callers = new Callers(first.agiPort());
            finished = callers.calls(0, FINISHED_CALLS, 10);
            CountDownLatch allLive = new CountDownLatch(LIVE_CALLS);
            CountDownLatch killed = new CountDownLatch(1);
            List<Future<Callers.Placed>> live = new ArrayList<>();
            for (int i = 0; i < LIVE_CALLS; i++) {
                int n = FINISHED_CALLS + i;
                AtomicInteger commands = new AtomicInteger();
                live.add(lines.submit(() -> callers.call(n, line -> {
                    if (line.startsWith("> ") && commands.incrementAndGet() == 6) {
                        allLive.countDown(); // mid-call: held here until the server is dead
                        awaitQuietly(killed);
                    }
                })));
            }
            allLive.await();
            first.kill();
            long killedAt = System.nanoTime();
            killed.countDown();
            for (Future<Callers.Placed> call : live) {
                cutOff.add(call.get());
            }
            try (ServerInChildJvm second = ServerInChildJvm.serve(dataDir, ENV)) {
                second.awaitLog("cut off when the previous run of this node died", Duration.ofSeconds(60));
                recoveredMillis = (System.nanoTime() - killedAt) / 1_000_000;
                second.stop(Duration.ofSeconds(60));
                secondLog = second.log();
            }
        }

        if (!TestDatabases.isExternal()) {
            assertTrue(secondLog.contains("stopping it cleanly before starting"), secondLog);
        }
        assertTrue(secondLog.contains(LIVE_CALLS + " call(s) cut off"), secondLog);
        assertEquals(LIVE_CALLS, secondLog.lines().filter(l -> l.contains("follow-up owed now")).count(), secondLog);
        List<Callers.Placed> all = new ArrayList<>(finished);
        all.addAll(cutOff);
        try (Database database = GracefulStopTest.callLogOf(dataDir)) {
            CallLogAudit audit = CallLogAudit.of(database.dataSource(), all);
            System.out.println("server JVM killed with " + LIVE_CALLS + " live calls: " + audit
                    + "; restarted and cut-off calls closed " + recoveredMillis + " ms after the kill");
            assertTrue(audit.clean(), audit.toString());
            assertEquals(0, audit.gaps());
            assertEquals(0, audit.duplicates());
            for (Callers.Placed call : cutOff) {
                assertEquals("CUT_OFF CALL_CUT_OFF", outcomeAndLastEvent(database, call), call.toString());
            }
        }
    }

    private static String outcomeAndLastEvent(Database database, Callers.Placed call) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT r.outcome, (SELECT type FROM call_event e WHERE e.call_id = r.call_id ORDER BY sequence DESC"
                        + " LIMIT 1) FROM call_record r WHERE r.asterisk_uniqueid = ?")) {
            s.setString(1, call.uniqueId());
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1) + " " + r.getString(2);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
