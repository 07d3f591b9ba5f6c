package org.afterhours.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.MovableClock;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.JdbcAfterCallLog;
import org.afterhours.db.JdbcAfterCallRecord;
import org.afterhours.db.JdbcCallLogStore;
import org.afterhours.db.JdbcDueWorkQueue;
import org.afterhours.db.JdbcFollowUpBook;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.Rotation;

/**
 * A line with alice and bob on call, a Hosted Administrator (hana) and a Support Manager (sam); the call log writing
 * into the shared test database with the follow-through's obligations; pollers over it on a test clock.
 */
final class AfterCallFixture {
    static final String HELPDESK = "tickets@example.com";
    /** escalation.alert-roles as shipped: told in writing of an emergency's outcome and of a failed recording. */
    static final List<String> ALERT_ROLES = List.of("Hosted Administrator", "Support Manager");
    final DueTables tables = new DueTables();
    final RuleBook rules = new Fixtures.Setup()
            .people(Fixtures.person("alice", "technician"), Fixtures.person("bob", "technician"),
                    Fixtures.person("hana", "Hosted Administrator"), Fixtures.person("sam", "Support Manager"))
            .rotation(new Rotation("techs", "techs", Fixtures.CHICAGO, LocalDate.of(2000, 1, 3), LocalTime.of(8, 0), 7,
                    List.of("alice", "bob"), 1))
            .policy(Fixtures.defaultPolicy(0))
            .line(Fixtures.line("main", "+19132016503", "techs", "default"))
            .book();
    final AfterCallSettings settings = AfterCallSettings.DEFAULTS;
    final AfterCallStores stores = new AfterCallStores(new JdbcDueWorkQueue(tables.dataSource),
            new JdbcAfterCallRecord(tables.dataSource), new JdbcFollowUpBook(tables.dataSource),
            new JdbcAfterCallLog(tables.dataSource));
    final Obligations obligations = new Obligations(settings);
    final JdbcCallLogStore callLog = new JdbcCallLogStore(tables.dataSource, Optional.of(obligations), () -> { });
    final MovableClock clock;
    final RecordingChannel channel = new RecordingChannel();
    final AcknowledgeLinks links = new AcknowledgeLinks(new byte[32], "https://console.example.com",
            Duration.ofHours(2));
    final FollowUps followUps;

    AfterCallFixture(Instant start) {
        clock = new MovableClock(start);
        followUps = new FollowUps(stores, obligations, Optional.of(links), clock);
    }

    /** A new node's poller (as after a restart): handlers built afresh over the same tables. */
    DueWorkPoller poller(String node) {
        return poller(node, List.of(channel));
    }

    DueWorkPoller poller(String node, List<NoticeChannel> channels) {
        return poller(node, channels, rules);
    }

    DueWorkPoller poller(String node, List<NoticeChannel> channels, RuleBook rules) {
        return new DueWorkPoller(stores.queue(), AfterCallClocks.handlers(stores, rules, channels, Optional.of(links),
                settings, HELPDESK, ALERT_ROLES, clock), stores.log(), node, clock, PollerSettings.DEFAULTS);
    }

    String primaryAt(Instant at) {
        return rules.onCall("main", Position.PRIMARY, at).orElseThrow().id();
    }

    String secondaryAt(Instant at) {
        return rules.onCall("main", Position.SECONDARY, at).orElseThrow().id();
    }

    /** Writes a call's events as the journal writer would, each {@code at} its instant. */
    void write(ReferenceNumber reference, Object... typeAtAttributes) {
        List<CallEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < typeAtAttributes.length; i += 3) {
            @SuppressWarnings("unchecked")
            Map<String, String> attributes = (Map<String, String>) typeAtAttributes[i + 2];
            events.add(new CallEvent(reference, events.size() + 1, (Instant) typeAtAttributes[i + 1],
                    (CallEventType) typeAtAttributes[i], attributes));
        }
        callLog.write(events);
    }

    static Map<String, String> started() {
        return Map.of("line", "main", "dialled", "+19132016503", "callerNumber", "+19135550123",
                "callerName", "Pat Customer", "uniqueId", "1.1", "businessHours", "false");
    }

    static Map<String, String> kept(ReferenceNumber reference, boolean urgent) {
        return Map.of("path", "/var/spool/asterisk/afterhours/" + reference.digits() + "-1", "format", "wav",
                "durationMillis", "4000", "urgent", Boolean.toString(urgent));
    }

    Clock clock() {
        return clock;
    }
}
