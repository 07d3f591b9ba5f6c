package org.afterhours.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.NoticeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Email notices against a real SMTP server in the test (GreenMail on a free loopback port). */
class EmailChannelTest {
    @TempDir
    Path recordings;

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private EmailChannel channel(int port, String user, String password) {
        return new EmailChannel(new EmailSettings("127.0.0.1", port, EmailSettings.Security.NONE, user, password,
                "afterhours@example.com", Optional.of(recordings), 1_000_000, Duration.ofSeconds(10)));
    }

    private int port() {
        return smtp.getSmtp().getPort();
    }

    @Test
    void a_kept_message_is_mailed_with_its_recording_attached_and_a_one_click_link() throws Exception {
        Files.write(recordings.resolve("1000200-1.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        String answer = channel(port(), "", "").deliver(Notices.messageKept(
                "/var/spool/asterisk/afterhours/1000200-1.wav", "https://console.example.com/acknowledge?token=abc"));
        assertEquals("accepted by 127.0.0.1 with the recording", answer);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("alice@example.com", mail.getAllRecipients()[0].toString());
        assertEquals(1, mail.getAllRecipients().length, "a header smuggled in the subject adds no recipient");
        assertEquals("Urgent message 1000200 on Main line from +19135550123 Bcc: victim@example.com",
                mail.getSubject());
        Multipart parts = (Multipart) mail.getContent();
        assertEquals(2, parts.getCount());
        String body = GreenMailUtil.getBody(parts.getBodyPart(0));
        assertTrue(body.contains("Hello Alice,"), body);
        assertTrue(body.contains("Reference:  1000200"), body);
        assertTrue(body.contains("(URGENT: nobody accepted the emergency)"), body);
        assertTrue(body.contains("Recording:  attached"), body);
        assertTrue(body.contains("https://console.example.com/acknowledge?token=abc"), body);
        assertEquals("message-1000200-1000200-1.wav", parts.getBodyPart(1).getFileName());
    }

    @Test
    void a_recording_this_server_cannot_read_is_named_instead_and_paths_never_leave_the_folder() throws Exception {
        Files.writeString(recordings.getParent().resolve("secret.wav"), "not for mail");
        channel(port(), "", "").deliver(Notices.messageKept("/var/spool/asterisk/afterhours/../../secret.wav", ""));
        channel(port(), "", "").deliver(Notices.messageKept("/var/spool/asterisk/afterhours/1000200-9.wav", ""));

        // GreenMail stores a mail before its 250 to DATA, so both are there once deliver() returned; counting them
        // keeps the checks below from passing on no mail at all.
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(2, received.length);
        for (MimeMessage mail : received) {
            Multipart parts = (Multipart) mail.getContent();
            assertEquals(1, parts.getCount(), "no attachment");
            String body = GreenMailUtil.getBody(parts.getBodyPart(0));
            assertTrue(body.contains("on the Asterisk server"), body);
            assertTrue(!body.contains("I am handling it"), "no link when none was given");
        }
    }

    @Test
    void the_callers_name_stays_text_in_the_plain_text_body() throws Exception {
        channel(port(), "", "").deliver(Notices.messageKept("", ""));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        Multipart parts = (Multipart) mail.getContent();
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(GreenMailUtil.getBody(parts.getBodyPart(0)).contains("<script>alert(1)</script>"));
    }

    @Test
    void every_kind_of_notice_has_a_template() {
        for (NoticeKind kind : NoticeKind.values()) {
            var notice = Notices.messageKept("", "");
            var ofKind = new org.afterhours.escalation.Notice(kind, notice.reference(), notice.to(), notice.everyone(),
                    notice.subject(), notice.summary(), notice.facts(), "", "");
            assertTrue(new NoticeTemplates().body(ofKind, false).startsWith("Hello Alice,"), kind.name());
        }
    }

    @Test
    void the_server_asks_for_a_login_and_gets_the_one_configured() throws Exception {
        smtp.setUser("afterhours@example.com", "relay-user", "s3cret");
        channel(port(), "relay-user", "s3cret").deliver(Notices.messageKept("", ""));
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void an_smtp_server_that_is_down_fails_the_delivery_with_the_reason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NoticeChannel.DeliveryException e = assertThrows(NoticeChannel.DeliveryException.class,
                () -> channel(closedPort, "", "").deliver(Notices.messageKept("", "")));
        assertTrue(e.getMessage().startsWith("SMTP 127.0.0.1:" + closedPort + " refused or unreachable"),
                e.getMessage());
    }

    @Test
    void a_recipient_without_an_address_is_not_reached() {
        var noMail = new org.afterhours.escalation.Recipient("bob", "Bob", "", "PJSIP/bob");
        assertTrue(!channel(port(), "", "").reaches(noMail));
    }
}
