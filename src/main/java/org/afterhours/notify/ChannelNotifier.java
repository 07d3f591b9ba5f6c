package org.afterhours.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Notifier;
import org.afterhours.escalation.Recipient;
import org.afterhours.oncall.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier} a live call uses (manager alerts): hands the notice to every channel on a virtual thread of
 * its own and returns at once, so a slow SMTP server or webhook never holds up the call. A failure is logged.
 */
public final class ChannelNotifier implements Notifier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelNotifier.class);

    private final List<NoticeChannel> channels;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public ChannelNotifier(List<NoticeChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public void notify(Person person, String subject, String body) {
        Recipient to = Recipient.of(person);
        Notice notice = new Notice(NoticeKind.GENERAL, "", to, List.of(to), subject, body, Map.of(), "", "");
        for (NoticeChannel channel : channels) {
            if (channel.reaches(to)) {
                background.execute(() -> {
                    try {
                        channel.deliver(notice);
                    } catch (RuntimeException e) {
                        log.warn("{} to {} failed: {}", channel.name(), person.id(), e.getMessage());
                    }
                });
            }
        }
    }

    /** Waits for the notices in hand. */
    @Override
    public void close() {
        background.close();
    }
}
