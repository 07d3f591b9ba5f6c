package org.afterhours.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.afterhours.db.Database;
import org.afterhours.dialout.ScreeningDialplan;
import org.afterhours.db.JdbcAfterCallLog;
import org.afterhours.db.JdbcAfterCallRecord;
import org.afterhours.db.JdbcDueWorkQueue;
import org.afterhours.db.JdbcFollowUpBook;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.callflow.MessageCallScript;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.MessageCalls;
import org.afterhours.followup.AfterCallClocks;
import org.afterhours.followup.AfterCallStores;
import org.afterhours.followup.CoverageWarnings;
import org.afterhours.followup.DueWorkPoller;
import org.afterhours.followup.FollowUps;
import org.afterhours.followup.Obligations;
import org.afterhours.followup.PollerSettings;
import org.afterhours.notify.EmailChannel;
import org.afterhours.notify.LogChannel;
import org.afterhours.notify.PhoneChannel;
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
    private final FollowUps followUps;
    private final MessageCallScript messageScript;

    private AfterCallSide(Obligations obligations, DueWorkPoller poller,
                          FollowUps followUps, MessageCallScript messageScript) {
        this.obligations = obligations;
        this.poller = poller;
        this.followUps = followUps;
        this.messageScript = messageScript;
    }

    /** The dialplan context a phone notice's answered leg enters (asterisk-config/extensions.conf). */
    static final String MESSAGE_CONTEXT = ScreeningDialplan.MESSAGE_CONTEXT;

    /** What a person chose on a message call, recorded by the follow-through. */
    private record PhoneResponses(FollowUps followUps) implements MessageCalls.Responses {
        @Override
        public void acknowledged(String reference, String personId) {
            followUps.acknowledge(new ReferenceNumber(reference), personId, "phone");
        }

        @Override
        public void calledBack(String reference, String personId) {
            followUps.responded(new ReferenceNumber(reference), personId, "phone callback");
        }
    }

    /** The script a phone notice's answered leg runs. */
    MessageCallScript messageScript() {
        return messageScript;
    }

    static AfterCallStores stores(DataSource dataSource) {
        return new AfterCallStores(new JdbcDueWorkQueue(dataSource), new JdbcAfterCallRecord(dataSource),
                new JdbcFollowUpBook(dataSource), new JdbcAfterCallLog(dataSource));
    }

    /** The written channels: the log always, email and the webhook when configured. */
    static List<NoticeChannel> writtenChannels(AfterhoursConfig config) {
        List<NoticeChannel> channels = new ArrayList<>(List.of(new LogChannel()));
        config.afterCall().email().ifPresent(email -> channels.add(new EmailChannel(email)));
        config.afterCall().webhook().ifPresent(webhook -> channels.add(new WebhookChannel(webhook)));
        return channels;
    }

    /**
     * @param written  {@link #writtenChannels}, shared with the live calls' {@code notifier}
     * @param dialer   the PBX's dialer: kept messages are also told by phone when AMI is set up
     */
    static AfterCallSide start(AfterhoursConfig config, Database database, RuleBook rules,
                               List<NoticeChannel> written, Dialer dialer, Clock clock) {
        AfterCallConfig after = config.afterCall();
        List<NoticeChannel> channels = new ArrayList<>(written);
        MessageCalls messageCalls = new MessageCalls();
        if (config.ami().hasSecret()) {
            channels.add(new PhoneChannel(dialer, messageCalls, new PhoneChannel.PhoneSettings(
                    config.escalation().callerIdNumber(), config.escalation().alertRingTimeout())));
        }
        log.info("after the call: notices by {}{}{}", channels.stream().map(NoticeChannel::name).toList(),
                after.email().map(e -> "; email through " + e).orElse(""),
                after.links().isPresent() ? "; one-click acknowledgement links on" : "");
        AfterCallStores stores = stores(database.dataSource());
        Obligations obligations = new Obligations(after.clocks());
        PollerSettings defaults = PollerSettings.DEFAULTS;
        DueWorkPoller poller = new DueWorkPoller(stores.queue(), AfterCallClocks.handlers(stores, rules, channels,
                after.links(), after.clocks(), after.helpdeskEmail(), config.escalation().alertRoles(), clock),
                stores.log(), "node-" + config.nodeId(),
                clock, new PollerSettings(after.pollInterval(), defaults.lease(), defaults.batch(),
                        defaults.maxAttempts(), defaults.firstRetry(), defaults.lastRetry()))
                // Every node schedules the same next daily coverage warning (the table keeps one), once the database
                // answers: a node may start while it is down.
                .start(() -> stores.queue().schedule(List.of(CoverageWarnings.nextDaily(clock.instant(),
                        after.clocks().coverageHourUtc()))));
        FollowUps followUps = new FollowUps(stores, obligations, after.links(), clock);
        MessageCallScript messageScript = new MessageCallScript(messageCalls, new PhoneResponses(followUps),
                config.flow());
        return new AfterCallSide(obligations, poller, followUps, messageScript);
    }

    /** What the call log schedules with each event. */
    Optional<Obligations> obligations() {
        return Optional.of(obligations);
    }

    /** Wakes the poller: something was scheduled (a message is told at once, not at the next round). */
    Runnable scheduled() {
        return poller::wake;
    }


    FollowUps followUps() {
        return followUps;
    }

    @Override
    public void close() throws InterruptedException {
        poller.close();
    }
}
