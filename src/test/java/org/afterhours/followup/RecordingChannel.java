package org.afterhours.followup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;

/** A notice channel that keeps what it was given ("KIND recipient"), and fails for the recipients it is told to. */
final class RecordingChannel implements NoticeChannel {
    final List<String> sent = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    final Set<String> failFor = new HashSet<>();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public boolean perRecipient() {
        return true;
    }

    @Override
    public synchronized String deliver(Notice notice) {
        if (failFor.contains(notice.to().id())) {
            throw new DeliveryException("mailbox of " + notice.to().id() + " unavailable");
        }
        sent.add(notice.kind() + " " + notice.to().id());
        notices.add(notice);
        return "ok";
    }

    synchronized List<String> takeSent() {
        List<String> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }
}
