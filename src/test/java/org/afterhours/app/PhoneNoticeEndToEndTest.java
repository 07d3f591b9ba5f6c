package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.db.TestDatabases;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.TechnicianBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A kept message by phone, end to end: the server with the sample setup and a fake Asterisk manager interface; a
 * caller leaves a message; the on-call technician's phone rings into the message script, whose keys (1 hear it, 2
 * call the customer back, 3 I handle it) move the message's clock.
 */
@Tag("clock")
class PhoneNoticeEndToEndTest {
    /** Sunday 6 December 2026, 2:00 AM in Chicago: after hours for the sample's main line. */
    private static final Instant SUNDAY_NIGHT = Instant.parse("2026-12-06T08:00:00Z");
    private static final Pattern REFERENCE = Pattern.compile("> SAY DIGITS \"([0-9]{7})\"");

    private final String setup = "phone-" + System.nanoTime();
    private FakeAmi ami;
    private AfterhoursServer server;
    private Person primary;

    void start(TechnicianBehaviour phones) throws Exception {
        LeftoverDueWork.retireDueBy(SUNDAY_NIGHT.plus(Duration.ofDays(2)));
        int amiPort;
        try (ServerSocket free = new ServerSocket(0)) {
            amiPort = free.getLocalPort();
        }
        ami = new FakeAmi("afterhours", "simulate").otherPhones(phones).start(amiPort);
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AGI_PORT", "0",
                "AFTERHOURS_AMI_PORT", Integer.toString(amiPort),
                "AFTERHOURS_AMI_SECRET", "simulate",
                "AFTERHOURS_ONCALL_SETUP", setup,
                "AFTERHOURS_DATA_DIR", TestDatabases.targetDir("phone-" + System.nanoTime()).toString()));
        Clock sundayNight = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), SUNDAY_NIGHT));
        server = AfterhoursServer.start(config, TestDatabases.shared(), sundayNight);
        ami.runningAgi("127.0.0.1", server.agiPort(), (context, exten, vars) ->
                context.equals("afterhours-message") ? "message?ref=" + vars.get("AFTERHOURS_REF") + "&attempt="
                        + vars.get("AFTERHOURS_ATTEMPT") : null);
        primary = server.ruleBook().onCall("main", Position.PRIMARY, SUNDAY_NIGHT).orElseThrow();
        // A notice placed before the server has logged in to AMI is retried a minute later: start logged in.
        await().atMost(Duration.ofSeconds(30)).until(() -> ami.logins() > 0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (ami != null) {
            ami.close();
        }
        new org.afterhours.db.RuleBookRepository(TestDatabases.shared().dataSource()).delete(setup);
    }

    private String leaveMessage() {
        StringWriter dialogue = new StringWriter();
        assertEquals(0, Main.commandLine().setOut(new PrintWriter(dialogue)).execute("simulate", "--port",
                Integer.toString(server.agiPort()), "--keys", "2,1,#,1", "--caller-number", "+1 (913) 555-0199"),
                dialogue.toString());
        Matcher ref = REFERENCE.matcher(dialogue.toString());
        assertTrue(ref.find(), dialogue.toString());
        return ref.group(1);
    }

    private FakeAmi.AnsweredLeg legOf(String reference) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> ami.answeredLegs().stream()
                .filter(l -> l.script().startsWith("message?ref=" + reference)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    @Test
    void three_on_the_phone_acknowledges_the_message() throws Exception {
        start(TechnicianBehaviour.answers("3"));
        String reference = leaveMessage();

        FakeAmi.AnsweredLeg leg = legOf(reference);
        assertTrue(ami.actions("Originate").stream().anyMatch(a -> a.header("Channel").contains(
                primary.contactPoints().get(0).dialString()) && a.header("Context").equals("afterhours-message")),
                "the primary's first contact point is rung into the message context");
        assertTrue(leg.dialogue().contains("> STREAM FILE \"afterhours/message-call\" \"123\""),
                leg.dialogue().toString());
        assertEquals("ACKNOWLEDGED", await().atMost(Duration.ofSeconds(20)).until(() -> column(reference,
                "SELECT voicemail_status FROM call_record WHERE reference = ?"), "ACKNOWLEDGED"::equals));
        assertEquals(primary.id() + " phone", column(reference, "SELECT CONCAT(recipient, ' ', channel)"
                + " FROM after_call_event WHERE reference = ? AND type = 'MESSAGE_ACKNOWLEDGED'"));
    }

    @Test
    void one_plays_the_recording_and_two_calls_the_customer_back_which_answers_the_message() throws Exception {
        start(TechnicianBehaviour.answers("12"));
        String reference = leaveMessage();

        FakeAmi.AnsweredLeg leg = legOf(reference);
        String dialogue = String.join("\n", leg.dialogue());
        assertTrue(Pattern.compile("> STREAM FILE \"/var/spool/asterisk/afterhours/" + reference + "-[^\"]*1\" \"123\"")
                .matcher(dialogue).find(), "the recording, as Asterisk wrote it, played on 1: " + dialogue);
        assertTrue(dialogue.contains("> EXEC Dial \"PJSIP/19135550199@trunk,30\""), dialogue);
        assertEquals("RESPONDED", await().atMost(Duration.ofSeconds(20)).until(() -> column(reference,
                "SELECT voicemail_status FROM call_record WHERE reference = ?"), "RESPONDED"::equals));
    }

    @Test
    void a_technician_who_listens_hears_the_reference_the_caller_and_when_the_message_was_left_in_the_lines_zone()
            throws Exception {
        // Silent through the reference, the caller's number and the time (each prompt lets its keys time out), then 3.
        start(TechnicianBehaviour.answers("wwwwwww3"));
        String reference = leaveMessage();

        FakeAmi.AnsweredLeg leg = legOf(reference);
        await().atMost(Duration.ofSeconds(20)).until(() -> column(reference,
                "SELECT voicemail_status FROM call_record WHERE reference = ?"), "ACKNOWLEDGED"::equals);
        String dialogue = String.join("\n", leg.dialogue());
        assertTrue(dialogue.contains("> SAY DIGITS \"19135550199\" \"123\"\n"), dialogue);
        Matcher said = Pattern.compile("> STREAM FILE \"afterhours/message-call-left-at\" \"123\"\n.*\n"
                + "> SAY DATETIME ([0-9]+) \"123\" \"IMp\" \"America/Chicago\"").matcher(dialogue);
        assertTrue(said.find(), "the time is said in the line's zone: " + dialogue);
        long leftAt = Long.parseLong(said.group(1));
        assertTrue(leftAt >= SUNDAY_NIGHT.getEpochSecond() && leftAt < SUNDAY_NIGHT.getEpochSecond() + 600,
                "the moment the message was kept, on the server's clock: " + leftAt);
    }

    private static String column(String reference, String sql) throws Exception {
        try (Connection c = TestDatabases.shared().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reference);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
