package org.afterhours.notify;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.Recipient;

/**
 * Email over SMTP (Jakarta Mail): one message per recipient, the body from the notice's template, the recording
 * attached when this server can read it. Blocks until the server accepts or refuses: run it off a call's thread.
 */
public final class EmailChannel implements NoticeChannel {
    private final EmailSettings settings;
    private final Session session;
    private final NoticeTemplates templates = new NoticeTemplates();

    public EmailChannel(EmailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings), settings.user().isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.user(), settings.password());
            }
        });
    }

    private static Properties properties(EmailSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.auth", Boolean.toString(!settings.user().isEmpty()));
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // a relay on this host or a test server
            }
        }
        return p;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean perRecipient() {
        return true;
    }

    @Override
    public boolean reaches(Recipient to) {
        return to.hasEmail();
    }

    @Override
    public String deliver(Notice notice) {
        if (!reaches(notice.to())) {
            throw new DeliveryException(notice.to().id() + " has no email address");
        }
        Optional<Path> recording = readableRecording(notice.recordingPath());
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(notice.to().email(), true));
            message.setSubject(oneLine(notice.subject()), "UTF-8");
            message.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(templates.body(notice, recording.isPresent()), "UTF-8");
            if (recording.isEmpty()) {
                message.setContent(new MimeMultipart(text));
            } else {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new FileDataSource(recording.get().toFile())));
                file.setFileName("message-" + notice.reference() + "-" + recording.get().getFileName());
                message.setContent(new MimeMultipart(text, file));
            }
            Transport.send(message);
            return "accepted by " + settings.host() + (recording.isPresent() ? " with the recording" : "");
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP " + settings.host() + ":" + settings.port() + " refused or unreachable: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The recording as this server sees it: Asterisk's path, re-rooted under the configured folder by its file name
     * only (a path from the database never leaves that folder), when it is there, readable, and small enough.
     */
    Optional<Path> readableRecording(String asteriskPath) {
        if (asteriskPath.isEmpty() || settings.recordings().isEmpty()) {
            return Optional.empty();
        }
        Path name = Path.of(asteriskPath).getFileName();
        if (name == null) {
            return Optional.empty();
        }
        Path local = settings.recordings().get().resolve(name.toString());
        try {
            return Files.isRegularFile(local) && Files.isReadable(local) && Files.size(local) <= settings.maxAttachment()
                    ? Optional.of(local) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A subject is one line: caller-supplied text must not start a header of its own. */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }
}
