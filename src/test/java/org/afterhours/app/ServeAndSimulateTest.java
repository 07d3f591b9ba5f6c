package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.afterhours.db.AgiSessionRecord;
import org.afterhours.db.AgiSessionRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The product as a newcomer meets it: the server running, {@code simulate} placing a call, the row in MariaDB. */
@Tag("clock")
class ServeAndSimulateTest {
    private AfterhoursServer server;
    private AgiSessionRepository sessions;

    @BeforeEach
    void start() throws InterruptedException {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"),
                Map.of("AFTERHOURS_AGI_PORT", "0",
                        "AFTERHOURS_DATA_DIR", TestDatabases.targetDir("serve-test-" + System.nanoTime()).toString()));
        server = AfterhoursServer.start(config, TestDatabases.shared());
        sessions = new AgiSessionRepository(TestDatabases.shared().dataSource());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void simulate_places_a_probe_call_and_its_session_row_lands_in_the_database() {
        StringWriter out = new StringWriter();
        String uniqueId = "1795" + System.nanoTime();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute("simulate", "--script", "probe",
                "--port", Integer.toString(server.agiPort()), "--keys", "7",
                "--caller-number", "+19135550100", "--caller-name", "O'Brien \"Pat\"", "--dialled", "+18005550100");
        String dialogue = out.toString();

        assertEquals(0, exit, dialogue);
        assertTrue(dialogue.contains("< agi_calleridname: O'Brien \"Pat\""), dialogue);
        assertTrue(dialogue.contains("> ANSWER\n< 200 result=0"), dialogue);
        assertTrue(dialogue.contains("> STREAM FILE \"hello-world\" \"0123456789*#\"\n< 200 result=55 endpos=4000"),
                dialogue);
        assertTrue(dialogue.contains("> SAY DIGITS \"7\" \"\""), dialogue);
        assertTrue(dialogue.contains("> SET VARIABLE \"AFTERHOURS_PROBE_KEY\" \"7\""), dialogue);
        assertTrue(dialogue.contains("AFTERHOURS_STATUS=SUCCESS"), dialogue);

        String callUniqueId = dialogue.lines().filter(l -> l.startsWith("< agi_uniqueid: ")).findFirst()
                .orElseThrow().substring("< agi_uniqueid: ".length());
        AgiSessionRecord row = await().atMost(Duration.ofSeconds(15)).until(
                () -> findByUniqueId(callUniqueId), r -> r.isPresent() && r.get().outcome() != null).orElseThrow();
        assertEquals("probe", row.script());
        assertEquals("+19135550100", row.callerIdNumber());
        assertEquals("O'Brien \"Pat\"", row.callerIdName());
        assertEquals("+18005550100", row.dnid());
        assertEquals("COMPLETED", row.outcome());
        assertTrue(!row.endedAt().isBefore(row.startedAt()));
        assertTrue(uniqueId.length() > 0);
    }

    @Test
    void the_running_server_reports_its_health_for_afterhours_status() {
        Health health = server.health();
        assertEquals("healthy: database UP, AMI NOT_SET_UP, journal backlog 0 event(s), live calls 0",
                health.line().replaceAll("backlog [0-9]+", "backlog 0"));
        assertEquals(ProcessHandle.current().pid(), health.pid());
    }

    @Test
    void a_caller_hanging_up_mid_call_is_logged_as_such() {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute("simulate", "--script", "probe",
                "--port", Integer.toString(server.agiPort()), "--hangup-at", "3");
        String dialogue = out.toString();
        assertEquals(0, exit, dialogue);
        assertTrue(dialogue.contains("channel hung up"), dialogue);
        String callUniqueId = dialogue.lines().filter(l -> l.startsWith("< agi_uniqueid: ")).findFirst()
                .orElseThrow().substring("< agi_uniqueid: ".length());
        AgiSessionRecord row = await().atMost(Duration.ofSeconds(15)).until(
                () -> findByUniqueId(callUniqueId), r -> r.isPresent() && r.get().outcome() != null).orElseThrow();
        assertEquals("CALLER_HUNG_UP", row.outcome());
    }

    @Test
    void two_thousand_concurrent_calls_all_complete() throws Exception {
        int calls = 2000;
        AsteriskSimulator asterisk = new AsteriskSimulator("127.0.0.1", server.agiPort(), Duration.ofSeconds(60));
        List<Future<AsteriskSimulator.Result>> results = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                String key = Integer.toString(i % 10);
                results.add(callers.submit(() -> asterisk.play(
                        SimulatedCall.to("probe").from("+1555" + key, "load").pressing(key), line -> { })));
            }
        }
        int succeeded = 0;
        for (int i = 0; i < calls; i++) {
            AsteriskSimulator.Result result = results.get(i).get();
            if ("SUCCESS".equals(result.variables().get("AFTERHOURS_STATUS"))
                    && Integer.toString(i % 10).equals(result.variables().get("AFTERHOURS_PROBE_KEY"))) {
                succeeded++;
            }
        }
        assertEquals(calls, succeeded);
    }

    /**
     * The session row of Asterisk's channel {@code uniqueId}, looked up by that id: the shared test database holds
     * rows of other runs, some dated in other years (the suite also runs with the clock moved), so "among the most
     * recent rows" would depend on what ran before.
     */
    private Optional<AgiSessionRecord> findByUniqueId(String uniqueId) throws SQLException {
        try (Connection c = TestDatabases.shared().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM agi_session WHERE asterisk_uniqueid = ?")) {
            s.setString(1, uniqueId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? sessions.find(r.getString(1)) : Optional.empty();
            }
        }
    }
}
