package org.afterhours.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.db.Database;
import org.afterhours.db.JdbcAfterCallLog;
import org.afterhours.db.JdbcAfterCallRecord;
import org.afterhours.db.JdbcDueWorkQueue;
import org.afterhours.db.JdbcFollowUpBook;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.Notifier;
import org.afterhours.followup.AfterCallClocks;
import org.afterhours.followup.AfterCallStores;
import org.afterhours.followup.CoverageWarnings;
import org.afterhours.followup.DueWorkPoller;
import org.afterhours.followup.FollowUps;
import org.afterhours.followup.Obligations;
import org.afterhours.followup.PollerSettings;
import org.afterhours.notify.ChannelNotifier;
import org.afterhours.notify.EmailChannel;
import org.afterhours.notify.LogChannel;
import org.afterhours.notify.WebhookChannel;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires what happens after the call: the notice channels (log always; email and webhook when configured), the
 * shared due table and this node's poller over it, the obligations the call log schedules, and the follow-ups API.
 */
final class AfterCallSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AfterCallSide.class);

    private final Obligations obligations;
    private final DueWorkPoller poller;
    private final ChannelNotifier notifier;
    private final FollowUps followUps;

    private AfterCallSide(Obligations obligations, DueWorkPoller poller, ChannelNotifier notifier,
                          FollowUps followUps) {
        this.obligations = obligations;
        this.poller = poller;
        this.notifier = notifier;
        this.followUps = followUps;
    }

    static AfterCallStores stores(DataSource dataSource) {
        return new AfterCallStores(new JdbcDueWorkQueue(dataSource), new JdbcAfterCallRecord(dataSource),
                new JdbcFollowUpBook(dataSource), new JdbcAfterCallLog(dataSource));
    }

    static AfterCallSide start(AfterhoursConfig config, Database database, RuleBook rules, Clock clock) {
        AfterCallConfig after = config.afterCall();
        List<NoticeChannel> channels = new ArrayList<>(List.of(new LogChannel()));
        after.email().ifPresent(email -> channels.add(new EmailChannel(email)));
        after.webhook().ifPresent(webhook -> channels.add(new WebhookChannel(webhook)));
        log.info("after the call: notices by {}{}{}", channels.stream().map(NoticeChannel::name).toList(),
                after.email().map(e -> "; email through " + e).orElse(""),
                after.links().isPresent() ? "; one-click acknowledgement links on" : "");
        AfterCallStores stores = stores(database.dataSource());
        Obligations obligations = new Obligations(after.clocks());
        // Every node schedules the same next daily coverage warning; the table keeps one.
        stores.queue().schedule(List.of(CoverageWarnings.nextDaily(clock.instant(), after.clocks().coverageHourUtc())));
        PollerSettings defaults = PollerSettings.DEFAULTS;
        DueWorkPoller poller = new DueWorkPoller(stores.queue(), AfterCallClocks.handlers(stores, rules, channels,
                after.links(), after.clocks(), after.helpdeskEmail(), clock), stores.log(), "node-" + config.nodeId(),
                clock, new PollerSettings(after.pollInterval(), defaults.lease(), defaults.batch(),
                        defaults.maxAttempts(), defaults.firstRetry(), defaults.lastRetry())).start();
        return new AfterCallSide(obligations, poller, new ChannelNotifier(channels),
                new FollowUps(stores, obligations, after.links(), clock));
    }

    /** What the call log schedules with each event. */
    Optional<Obligations> obligations() {
        return Optional.of(obligations);
    }

    /** Wakes the poller: something was scheduled (a message is told at once, not at the next round). */
    Runnable scheduled() {
        return poller::wake;
    }

    /** Written alerts from live calls (manager alerts), on every channel, never blocking the call. */
    Notifier notifier() {
        return notifier;
    }

    FollowUps followUps() {
        return followUps;
    }

    @Override
    public void close() throws InterruptedException {
        poller.close();
        notifier.close();
    }
}
