package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.TestDatabases;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * After the call, end to end: the server with the sample setup and an SMTP server, a caller leaving a message
 * through {@code simulate}, the emails to the on-call technician and the help desk, the one-click acknowledgement.
 */
@Tag("clock")
class AfterTheCallEndToEndTest {
    /** Sunday 6 December 2026, 2:00 AM in Chicago: after hours for the sample's main line. */
    private static final Instant SUNDAY_NIGHT = Instant.parse("2026-12-06T08:00:00Z");
    private static final Pattern REFERENCE = Pattern.compile("> SAY DIGITS \"([0-9]{7})\"");
    private static final Pattern LINK = Pattern.compile("https://console\\.example\\.com/acknowledge\\?token=(\\S+)");

    private final String setup = "after-" + System.nanoTime();
    private GreenMail smtp;
    private AfterhoursServer server;

    @BeforeEach
    void start() throws Exception {
        LeftoverDueWork.retireDueBy(SUNDAY_NIGHT.plus(Duration.ofDays(2)));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AGI_PORT", "0",
                "AFTERHOURS_ONCALL_SETUP", setup,
                "AFTERHOURS_DATA_DIR", TestDatabases.targetDir("after-" + System.nanoTime()).toString(),
                "AFTERHOURS_NOTIFY_SMTP_HOST", "127.0.0.1",
                "AFTERHOURS_NOTIFY_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "AFTERHOURS_NOTIFY_SMTP_SECURITY", "none",
                "AFTERHOURS_FOLLOWUP_HELPDESK_EMAIL", "tickets@example.com",
                "AFTERHOURS_FOLLOWUP_LINK_BASE_URL", "https://console.example.com",
                "AFTERHOURS_FOLLOWUP_LINK_SIGNING_KEY", "an end-to-end signing key of 32+ chars"));
        Clock sundayNight = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), SUNDAY_NIGHT));
        server = AfterhoursServer.start(config, TestDatabases.shared(), sundayNight);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        smtp.stop();
        new org.afterhours.db.RuleBookRepository(TestDatabases.shared().dataSource()).delete(setup);
    }

    @Test
    void a_message_left_at_night_is_mailed_to_the_on_call_technician_and_the_help_desk_and_acknowledged_by_link()
            throws Exception {
        StringWriter dialogue = new StringWriter();
        assertEquals(0, Main.commandLine().setOut(new PrintWriter(dialogue)).execute("simulate", "--port",
                Integer.toString(server.agiPort()), "--keys", "2,1,#,1"), dialogue.toString());
        Matcher ref = REFERENCE.matcher(dialogue.toString());
        assertTrue(ref.find(), dialogue.toString());
        String reference = ref.group(1);

        // The shared database may hold other tests' messages, due by now on this server's clock: only ours count.
        String subject = "Message " + reference + " on Emergency Support Line from ";
        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60)).until(() -> ours(subject),
                received -> received.size() >= 2);
        Person primary = server.ruleBook().onCall("main", Position.PRIMARY, SUNDAY_NIGHT).orElseThrow();
        TreeSet<String> to = new TreeSet<>();
        List<String> tokens = new ArrayList<>();
        for (MimeMessage mail : mails) {
            to.add(mail.getAllRecipients()[0].toString());
            Matcher link = LINK.matcher(GreenMailUtil.getBody(((Multipart) mail.getContent()).getBodyPart(0)));
            if (link.find()) {
                tokens.add(link.group(1));
            }
        }
        assertEquals(new TreeSet<>(List.of(primary.email(), "tickets@example.com")), to);
        assertEquals(2, tokens.size(), "each copy carries a link of its own");

        var ack = server.followUps().acknowledgeByLink(tokens.get(0)).orElseThrow();
        assertEquals(new ReferenceNumber(reference), ack.reference());
        assertEquals("ACKNOWLEDGED", column(reference, "SELECT voicemail_status FROM call_record WHERE reference = ?"));
        // NOTICE_SENT is recorded once the SMTP server has answered the send, which may be after the mail is here.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals("2", column(reference,
                "SELECT COUNT(*) FROM after_call_event WHERE reference = ? AND type = 'NOTICE_SENT'"
                        + " AND channel = 'email'")));
        assertTrue(server.followUps().find(new ReferenceNumber(reference)).isPresent(), "a follow-up is owed");
    }

    private List<MimeMessage> ours(String subject) throws Exception {
        List<MimeMessage> ours = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (mail.getSubject().startsWith(subject)) {
                ours.add(mail);
            }
        }
        return ours;
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
