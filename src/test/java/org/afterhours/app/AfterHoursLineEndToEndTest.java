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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.TestClocks;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole product over TCP as a newcomer runs it: the server with the sample configuration and on-call setup,
 * {@code ./afterhours simulate} playing the caller, and the call's rows in MariaDB afterwards.
 */
@Tag("clock")
class AfterHoursLineEndToEndTest {
    /**
     * Every call of this test is placed on Tuesday 2026-11-17 at 21:30 Chicago time: after hours, a week in which
     * the sample rotation makes Alice Adams the on-call technician and Bob Brown the second call, no override.
     */
    static final Instant TUESDAY_NIGHT = Instant.parse("2026-11-18T03:30:00Z");
    private static final Pattern REFERENCE = Pattern.compile("> SAY DIGITS \"([0-9]{7})\"");
    private AfterhoursServer server;
    private int amiPort;
    /** A setup of this test's own, seeded from the sample: what a shared database already holds does not matter. */
    private final String setup = "e2e-" + System.nanoTime();

    @BeforeEach
    void start() throws Exception {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            amiPort = free.getLocalPort();
        }
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AGI_PORT", "0",
                "AFTERHOURS_FLOW_ALLOW_SIMULATED_TIME", "true",
                "AFTERHOURS_AMI_PORT", Integer.toString(amiPort),
                "AFTERHOURS_AMI_SECRET", "simulate",
                "AFTERHOURS_ONCALL_SETUP", setup,
                "AFTERHOURS_DATA_DIR", TestDatabases.targetDir("e2e-" + System.nanoTime()).toString()));
        server = AfterhoursServer.start(config, TestDatabases.shared(), TestClocks.startingAt(TUESDAY_NIGHT));
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        new org.afterhours.db.RuleBookRepository(TestDatabases.shared().dataSource()).delete(setup);
    }

    private String simulate(String... options) {
        List<String> args = new ArrayList<>(List.of("simulate", "--port", Integer.toString(server.agiPort())));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute(args.toArray(String[]::new));
        assertEquals(0, exit, out.toString());
        return out.toString();
    }

    private static String referenceIn(String dialogue) {
        Matcher m = REFERENCE.matcher(dialogue);
        assertTrue(m.find(), dialogue);
        return m.group(1);
    }

    @Test
    void a_non_emergency_caller_who_leaves_a_message_is_on_record_with_every_step() throws Exception {
        String dialogue = simulate("--keys", "2,1,#,1", "--caller-name", "Pat <Caller>");
        String reference = referenceIn(dialogue);

        Map<String, String> row = await().atMost(Duration.ofSeconds(20))
                .until(() -> callRecord(reference), r -> r.get("ended_at") != null);
        assertEquals("main", row.get("line_id"));
        assertEquals("913-201-6503", row.get("dialled_number"));
        assertEquals("Pat <Caller>", row.get("caller_id_name"));
        assertEquals("NON_EMERGENCY", row.get("triage"));
        assertEquals("VOICEMAIL", row.get("outcome"));
        assertEquals("PENDING_RESPONSE", row.get("voicemail_status"));
        assertEquals("0", row.get("business_hours"));
        assertEquals(null, row.get("summary"));
        List<String> steps = events(reference);
        assertEquals("CALL_STARTED", steps.get(0));
        assertEquals("CALL_ENDED", steps.get(steps.size() - 1));
        assertTrue(steps.containsAll(List.of("TRIAGED", "KEY_PRESSED", "VOICEMAIL_RECORDED", "VOICEMAIL_KEPT",
                "REFERENCE_READ")), steps.toString());
    }

    @Test
    void an_emergency_caller_hears_the_reference_and_is_on_record_as_an_emergency() throws Exception {
        String dialogue = simulate("--keys", "1,#,1");
        String reference = referenceIn(dialogue);

        Map<String, String> row = await().atMost(Duration.ofSeconds(20))
                .until(() -> callRecord(reference), r -> r.get("ended_at") != null);
        assertEquals("EMERGENCY", row.get("triage"));
        assertEquals(2, dialogue.split("> SAY DIGITS \"" + reference + "\"", -1).length - 2,
                "read twice before the hand-off, once more after the message");
        assertTrue(List.of("CONNECTED", "URGENT_VOICEMAIL").contains(row.get("outcome")), row.toString());
    }

    @Test
    void an_emergency_reaches_the_second_technician_through_the_pbx_and_the_record_shows_every_ring()
            throws Exception {
        String dialogue = simulate("--keys", "1", "--fake-ami", "--ami-port", Integer.toString(amiPort),
                "--phone", "PJSIP/+19135550101@trunk=busy", "--phone", "PJSIP/alice=no-key",
                "--talk-seconds", "1");
        String reference = referenceIn(dialogue);

        assertTrue(dialogue.contains("> EXEC ConfBridge \"" + reference + ",afterhours_bridge,afterhours_caller\""),
                dialogue);
        // The leg names the node that placed it (AFTERHOURS_NODE), and the screening ran there.
        assertTrue(dialogue.contains("ran agi://127.0.0.1:" + server.agiPort() + "/screen?ref=" + reference
                + "&role=technician"), dialogue);
        // The call's end and ESCALATION_ENDED are recorded on different threads (the escalation's own records its
        // end just after the call learns Bob accepted): wait for the row to show both.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, String> row = callRecord(reference);
            assertEquals("CONNECTED", row.get("outcome"), row.toString());
            assertEquals("ACCEPTED", row.get("escalation_outcome"), row.toString());
            assertEquals("bob", row.get("accepted_by"), row.toString());
        });
        // Alice is on call that night, Bob second: the sample policy rings Alice twice on each of her contact points
        // before going on to Bob, who accepts.
        assertEquals(List.of("alice BUSY", "alice VOICEMAIL_OR_NO_KEY", "alice BUSY", "alice VOICEMAIL_OR_NO_KEY",
                "bob ACCEPTED"), attempts(reference));
    }

    @Test
    void in_business_hours_the_caller_is_put_through_to_the_help_desk() throws Exception {
        String dialogue = simulate("--business-hours");
        assertTrue(dialogue.contains("> EXEC Dial \"PJSIP/9133224666@trunk,30\""), dialogue);
    }

    private static Map<String, String> callRecord(String reference) throws SQLException {
        return CallRecords.callRecord(reference);
    }

    private static List<String> attempts(String reference) throws SQLException {
        return CallRecords.attempts(reference);
    }

    private static List<String> events(String reference) throws SQLException {
        return CallRecords.events(reference);
    }
}
