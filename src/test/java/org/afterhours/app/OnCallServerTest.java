package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.escalation.PlannedStep;
import org.afterhours.oncall.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The running server holds the live rule book: seeded from the sample on an empty setup, refreshed on change. */
@Tag("clock")
class OnCallServerTest {
    private final String setup = "test-" + UUID.randomUUID().toString().substring(0, 18);
    private final RuleBookRepository repository = new RuleBookRepository(TestDatabases.shared().dataSource());

    @AfterEach
    void deleteOwnSetup() {
        repository.delete(setup);
    }

    @Test
    void aFirstStartImportsTheSampleAndTheServerAnswersFromIt() throws Exception {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"),
                Map.of("AFTERHOURS_AGI_PORT", "0", "AFTERHOURS_ONCALL_SETUP", setup));
        Instant thanksgiving = Instant.parse("2026-11-26T16:00:00Z"); // 10:00 Chicago

        AfterhoursServer server = AfterhoursServer.start(config, TestDatabases.shared());
        try {
            assertEquals(2, server.ruleBook().lines().size());
            assertEquals("main", server.ruleBook().lineForDialledNumber("+19132016503").orElseThrow().id());
            assertEquals("alice", server.ruleBook().onCall("main", Position.PRIMARY, thanksgiving).orElseThrow().id());
            assertEquals(8, server.escalationPlanner().plan("main", thanksgiving).size(), "4 steps, 2 rounds");
            PlannedStep first = server.escalationPlanner().plan("county", thanksgiving).getFirst();
            assertEquals("henry", first.person().id()); // day 329 of client-care: 329 mod 3 = 2

            // an import while it runs reaches it with the next version check (called here instead of waiting)
            repository.replace(setup, org.afterhours.oncall.Fixtures.procedure().build());
            server.ruleBook().refresh();
            assertEquals(1, server.ruleBook().lines().size());
        } finally {
            server.close();
        }
        assertEquals(2, repository.version(setup), "seeded once, replaced once");
    }
}
