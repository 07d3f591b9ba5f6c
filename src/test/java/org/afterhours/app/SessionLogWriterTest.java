package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.server.AgiSessionInfo;
import org.afterhours.agi.server.SessionOutcome;
import org.afterhours.db.AgiSessionRecord;
import org.afterhours.db.AgiSessionRepository;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session rows go through a journal: sessions served while the database is down survive a restart of the node. */
@Tag("clock")
class SessionLogWriterTest {
    private static final Instant T0 = Instant.parse("2026-03-03T02:10:00Z");
    private static final int SESSIONS = 50;

    @TempDir
    Path journal;

    @Test
    void sessions_served_during_an_outage_are_written_after_a_restart() throws Exception {
        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection refused (database down in this test)");
                });
        List<AgiSessionInfo> sessions = new ArrayList<>();
        try (SessionLogWriter duringTheOutage = new SessionLogWriter(new AgiSessionRepository(down), journal)) {
            for (int i = 0; i < SESSIONS; i++) {
                AgiSessionInfo s = new AgiSessionInfo(UUID.randomUUID().toString(), new AgiRequest(Map.of(
                        "agi_uniqueid", "1772503800." + i, "agi_callerid", "+1913555" + (1000 + i),
                        "agi_channel", "PJSIP/trunk-" + i), "afterhours", Map.of(), List.of()),
                        "127.0.0.1", T0.plusSeconds(i));
                sessions.add(s);
                duringTheOutage.sessionStarted(s);
                duringTheOutage.sessionEnded(s, T0.plusSeconds(i + 30), SessionOutcome.COMPLETED, "");
            }
        } // the node stops with every row still waiting

        AgiSessionRepository database = new AgiSessionRepository(TestDatabases.shared().dataSource());
        try (SessionLogWriter afterTheRestart = new SessionLogWriter(database, journal)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> afterTheRestart.backlog() == 0);
        }
        for (int i = 0; i < SESSIONS; i++) {
            Optional<AgiSessionRecord> row = database.find(sessions.get(i).id());
            assertEquals("1772503800." + i, row.orElseThrow().asteriskUniqueId());
            assertEquals("+1913555" + (1000 + i), row.get().callerIdNumber());
            assertEquals(T0.plusSeconds(i + 30), row.get().endedAt());
            assertEquals("COMPLETED", row.get().outcome());
        }
    }
}
