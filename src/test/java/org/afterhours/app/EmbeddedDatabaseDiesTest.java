package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded mariadbd killed with SIGKILL while calls come in: the server starts it again by itself, and the call
 * log holds every call exactly once, events 1..n, nothing open.
 */
@Tag("clock")
@Tag("faults")
class EmbeddedDatabaseDiesTest {
    private static final int CALLS_BEFORE = 100;
    private static final int CALLS_DURING = 200;

    @Test
    void a_killed_embedded_database_is_restarted_and_no_call_is_lost_or_doubled() throws Exception {
        assumeFalse(TestDatabases.isExternal(), "AFTERHOURS_DB_URL is set: the embedded server is not in use");
        Path dataDir = TestDatabases.targetDir("db-dies-" + System.nanoTime());
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AGI_PORT", "0", "AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true",
                "AFTERHOURS_DATA_DIR", dataDir.toString()));
        try (Database database = Database.start(DatabaseSettings.embedded(dataDir))) {
            AfterhoursServer server = AfterhoursServer.start(config, database);
            List<Callers.Placed> calls = new ArrayList<>();
            long killed;
            long recoveredMillis;
            try {
                Callers callers = new Callers(server.agiPort());
                calls.addAll(callers.calls(0, CALLS_BEFORE, 20));
                killed = database.embeddedServerPid().orElseThrow();
                ProcessHandle.of(killed).orElseThrow().destroyForcibly(); // SIGKILL, to the mariadbd we started
                long killedAt = System.nanoTime();
                calls.addAll(callers.calls(CALLS_BEFORE, CALLS_DURING, 20));
                await().atMost(Duration.ofMinutes(2)).until(() -> database.embeddedServerRestarts() == 1
                        && server.journalBacklog() == 0);
                recoveredMillis = (System.nanoTime() - killedAt) / 1_000_000;
            } finally {
                server.close();
            }
            long restarted = database.embeddedServerPid().orElseThrow();
            assertNotEquals(killed, restarted, "a new mariadbd");

            CallLogAudit audit = CallLogAudit.of(database.dataSource(), calls);
            System.out.println("embedded mariadbd killed under load: " + audit + ", back and backlog written "
                    + recoveredMillis + " ms after the kill");
            assertTrue(audit.clean(), audit.toString());
            assertEquals(CALLS_BEFORE + CALLS_DURING, audit.records());
            assertEquals(0, audit.gaps());
            assertEquals(0, audit.duplicates());
        }
    }
}
