package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node started while its external database is down serves calls from the on-call setup it kept on disk and from
 * its journal, and writes every call once the database answers again.
 */
@Tag("clock")
@Tag("faults")
class DatabaseDownAtStartTest {
    private static final int CALLS = 30;

    @Test
    void a_node_started_during_a_database_outage_serves_calls_and_writes_them_when_the_database_returns()
            throws Exception {
        Path dataDir = TestDatabases.targetDir("db-down-at-start-" + System.nanoTime());
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AGI_PORT", "0", "AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true",
                "AFTERHOURS_DATA_DIR", dataDir.toString()));
        AfterhoursServer.start(config, TestDatabases.shared()).close(); // an earlier run kept the setup on disk
        assertTrue(Files.isRegularFile(dataDir.resolve("last-good-oncall-setup.yaml")));

        URI real = URI.create(((HikariDataSource) TestDatabases.shared().dataSource()).getJdbcUrl().substring(5));
        try (LoopbackProxy proxy = new LoopbackProxy(LoopbackProxy.freePort(),
                new InetSocketAddress(real.getHost(), real.getPort()))) {
            String downUrl = "jdbc:mariadb://127.0.0.1:" + proxy.port() + real.getPath();
            try (Database database = Database.startEvenIfUnreachable(DatabaseSettings.external(downUrl,
                    System.getenv().getOrDefault("AFTERHOURS_DB_USER", "root"),
                    System.getenv().getOrDefault("AFTERHOURS_DB_PASSWORD", "")))) {
                AfterhoursServer server = AfterhoursServer.start(config, database);
                List<Callers.Placed> calls;
                try {
                    calls = new Callers(server.agiPort()).calls(0, CALLS, 5);
                    assertTrue(calls.stream().filter(c -> c.referenceHeard() != null)
                            .allMatch(c -> c.referenceHeard().startsWith("90")), "offline numbers: " + calls);
                    assertTrue(server.journalBacklog() > 0, "the calls wait in the journal");
                    assertTrue(server.health().degraded());

                    proxy.open(); // the database is back
                    await().atMost(Duration.ofSeconds(90)).until(() -> server.journalBacklog() == 0);
                } finally {
                    server.close();
                }
                CallLogAudit audit = CallLogAudit.of(TestDatabases.shared().dataSource(), calls);
                System.out.println("node started with its database down: " + audit);
                assertTrue(audit.clean(), audit.toString());
                assertEquals(CALLS, audit.records());
            }
        }
    }
}
