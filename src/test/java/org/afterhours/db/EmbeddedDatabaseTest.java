package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its rows across restarts; skipped when tests use an external server. */
class EmbeddedDatabaseTest {

    private Path home;

    @BeforeEach
    void ownFolder() throws IOException {
        assumeFalse(TestDatabases.isExternal(), "AFTERHOURS_DB_URL is set: the embedded server is not in use");
        Path parent = Files.createDirectories(TestDatabases.targetDir("test-mariadb"));
        home = Files.createTempDirectory(parent, "restart-");
    }

    @AfterEach
    void deleteFolder() throws IOException {
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aRowWrittenBeforeARestartIsFoundAfterIt() throws SQLException {
        AgiSessionRecord written = AgiSessionRecord.started("1737151443.42", "/afterhours", "PJSIP/trunk-00000001",
                "0791234567", "Caller", "+41445551234", "192.0.2.10", Instant.parse("2025-01-17T22:04:03.042Z"));

        try (Database first = Database.start(DatabaseSettings.embedded(home))) {
            assertTrue(first.isEmbedded());
            new AgiSessionRepository(first.dataSource()).recordStart(written);
        }
        try (Database second = Database.start(DatabaseSettings.embedded(home))) {
            assertEquals(Optional.of(written), new AgiSessionRepository(second.dataSource()).find(written.id()));
            List<String> history = migrations(second);
            assertEquals("1 true", history.getFirst(), "V1 applied first: " + history);
            assertTrue(history.stream().allMatch(row -> row.endsWith(" true")), "no failed migration: " + history);
        }
    }

    /** A leftover whose JVM is gone is stopped instead (ServerKilledTest); this one's server still watches it. */
    @Test
    void aFolderInUseByAnotherRunningServerIsRefusedAndItsDatabaseKeepsRunning() {
        try (Database running = Database.start(DatabaseSettings.embedded(home))) {
            long pid = running.embeddedServerPid().orElseThrow();

            DatabaseException refused = assertThrows(DatabaseException.class,
                    () -> Database.start(DatabaseSettings.embedded(home)));

            assertTrue(refused.getMessage().contains("of the running server pid " + ProcessHandle.current().pid()),
                    refused.getMessage());
            assertEquals(java.util.OptionalLong.of(pid), running.embeddedServerPid(), "untouched");
        }
    }

    @Test
    void aFolderBelowTheTemporaryDirectoryIsRefusedBecauseMariaDb4jWouldWipeIt() {
        Path underTmp = Path.of(System.getProperty("java.io.tmpdir"), "afterhours-db");

        DatabaseException refused = assertThrows(DatabaseException.class,
                () -> Database.start(DatabaseSettings.embedded(underTmp)));

        assertTrue(refused.getMessage().contains("java.io.tmpdir"), refused.getMessage());
    }

    /** Flyway's history as "version success", in the order applied. */
    private static List<String> migrations(Database database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString("version") + " " + rs.getBoolean("success"));
            }
        }
        return rows;
    }
}
