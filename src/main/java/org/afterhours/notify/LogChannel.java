package org.afterhours.notify;

import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every notice as one WARN line naming the call and who was told, so an operator's log alerting can page on it
 * whether or not email and a webhook are configured.
 */
public final class LogChannel implements NoticeChannel {
    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String deliver(Notice notice) {
        log.warn("[{}] {}: {} (to {})", notice.reference(), notice.kind(), EmailChannel.oneLine(notice.subject()),
                notice.everyone().stream().map(Recipient::id).toList());
        return "logged";
    }
}
