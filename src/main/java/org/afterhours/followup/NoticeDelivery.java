package org.afterhours.followup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.Recipient;

/**
 * Sends one due item's notice on every channel, to each recipient a channel reaches, and records each delivery.
 * A delivery already recorded for this due item is not repeated, so when one channel fails and the item is retried,
 * only what failed is sent again.
 */
final class NoticeDelivery {
    /** The recipient id under which a team channel's single post is recorded. */
    private static final String TEAM = "(team)";

    private final List<NoticeChannel> channels;
    private final AfterCallLog record;
    private final Optional<AcknowledgeLinks> links;
    private final Clock clock;

    NoticeDelivery(List<NoticeChannel> channels, AfterCallLog record, Optional<AcknowledgeLinks> links, Clock clock) {
        this.channels = List.copyOf(channels);
        this.record = record;
        this.links = links;
        this.clock = clock;
    }

    /**
     * @param acknowledgeable whether each copy carries a one-click acknowledgement link
     * @return what was sent, for the due item's result
     * @throws NoticeChannel.DeliveryException when any delivery failed (the rest are recorded as sent)
     */
    String deliver(DueWork item, Notice notice, boolean acknowledgeable) {
        List<String> sent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (NoticeChannel channel : channels) {
            if (!channel.carries(notice.kind())) {
                continue;
            }
            if (!channel.perRecipient()) {
                Recipient first = notice.everyone().isEmpty() ? notice.to() : notice.everyone().get(0);
                send(item, channel, TEAM, notice.to(first, ""), sent, failed);
                continue;
            }
            for (Recipient to : notice.everyone()) {
                if (channel.reaches(to)) {
                    String link = acknowledgeable ? links.map(l -> l.linkFor(item.reference(), to.id(),
                            clock.instant())).orElse("") : "";
                    send(item, channel, to.id(), notice.to(to, link), sent, failed);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new NoticeChannel.DeliveryException("not delivered: " + String.join("; ", failed)
                    + (sent.isEmpty() ? "" : " (sent: " + String.join(", ", sent) + ")"));
        }
        return sent.isEmpty() ? "nobody to tell" : "sent: " + String.join(", ", sent);
    }

    private void send(DueWork item, NoticeChannel channel, String recipientId, Notice notice, List<String> sent,
                      List<String> failed) {
        String what = channel.name() + " " + recipientId;
        if (record.delivered(item.id(), recipientId, channel.name())) {
            sent.add(what + " (before)");
            return;
        }
        ReferenceNumber reference = item.reference();
        try {
            String answer = channel.deliver(notice);
            record.record(new AfterCallEvent(reference, clock.instant(), AfterCallEventType.NOTICE_SENT, item.id(),
                    recipientId, channel.name(), notice.kind() + ": " + answer));
            sent.add(what);
        } catch (RuntimeException e) {
            record.record(new AfterCallEvent(reference, clock.instant(), AfterCallEventType.NOTICE_FAILED, item.id(),
                    recipientId, channel.name(), notice.kind() + ": " + e.getMessage()));
            failed.add(what + ": " + e.getMessage());
        }
    }
}
