package org.afterhours.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one-hour clock of a kept message, step by step on a test clock: told at once, re-told with more people at
 * +15, +30 and +45 while nobody acknowledges, BREACHED at +60 unless the customer was called back.
 */
@Tag("clock")
class MessageClockTest {
    private static final Instant CALLED = Instant.parse("2001-03-06T08:13:30Z"); // 2:13 AM in Chicago
    private static final Instant KEPT = CALLED.plusSeconds(30);

    private final AfterCallFixture f = new AfterCallFixture(CALLED);
    private final ReferenceNumber reference = f.tables.reference(7);
    private String primary;
    private String secondary;

    @AfterEach
    void deleteOurRows() throws SQLException {
        f.tables.deleteOurs();
    }

    private void messageLeft(boolean urgent) {
        primary = f.primaryAt(KEPT);
        secondary = f.secondaryAt(KEPT);
        f.write(reference,
                CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, CALLED.plusSeconds(10), Map.of("triage", "NON_EMERGENCY"),
                CallEventType.VOICEMAIL_KEPT, KEPT, AfterCallFixture.kept(reference, urgent));
    }

    private List<String> at(Duration afterKept, DueWorkPoller poller) {
        f.clock.set(KEPT.plus(afterKept));
        poller.pollOnce();
        return f.channel.takeSent();
    }

    private String status() throws SQLException {
        return f.tables.text("SELECT voicemail_status FROM call_record WHERE reference = ?", reference);
    }

    @Test
    void an_unacknowledged_message_reaches_more_people_every_fifteen_minutes_and_breaches_at_the_hour()
            throws SQLException {
        messageLeft(false);
        DueWorkPoller node = f.poller("node-a");

        assertEquals(List.of("MESSAGE_KEPT " + primary, "MESSAGE_KEPT " + AfterCallFixture.HELPDESK),
                at(Duration.ZERO, node));
        assertEquals("PENDING_RESPONSE", status());
        assertEquals(List.of(), at(Duration.ofMinutes(15).minusMillis(1), node));
        assertEquals(List.of("MESSAGE_UNACKNOWLEDGED " + primary, "MESSAGE_UNACKNOWLEDGED " + secondary),
                at(Duration.ofMinutes(15), node));
        assertEquals(List.of("MESSAGE_UNACKNOWLEDGED " + primary, "MESSAGE_UNACKNOWLEDGED " + secondary,
                "MESSAGE_UNACKNOWLEDGED hana"), at(Duration.ofMinutes(30), node));
        assertEquals(List.of("MESSAGE_UNACKNOWLEDGED " + primary, "MESSAGE_UNACKNOWLEDGED " + secondary,
                "MESSAGE_UNACKNOWLEDGED hana", "MESSAGE_UNACKNOWLEDGED sam"), at(Duration.ofMinutes(45), node));
        assertEquals(List.of(), at(Duration.ofMinutes(60).minusMillis(1), node));
        assertEquals(List.of("MESSAGE_BREACHED " + primary, "MESSAGE_BREACHED " + secondary,
                "MESSAGE_BREACHED hana", "MESSAGE_BREACHED sam"), at(Duration.ofMinutes(60), node));

        assertEquals("BREACHED", status());
        assertEquals(KEPT.plus(Duration.ofMinutes(60)).toString().replace("Z", ""),
                f.tables.text("SELECT DATE_FORMAT(message_breached_at, '%Y-%m-%dT%H:%i:%s') FROM call_record"
                        + " WHERE reference = ?", reference));
        assertEquals("NOTICE_SENT=15 MESSAGE_ESCALATED=3 MESSAGE_BREACHED=1 FOLLOW_UP_OWED=1", eventCounts());
    }

    @Test
    void the_first_notice_names_the_caller_the_time_in_the_lines_zone_and_carries_a_link_for_its_recipient() {
        messageLeft(true);
        at(Duration.ZERO, f.poller("node-a"));
        var notice = f.channel.notices.get(0);
        assertEquals("Urgent message " + reference + " on main from +19135550123: respond within the hour",
                notice.subject());
        assertEquals("Tue 6 Mar 2:14 AM CST", notice.facts().get("keptAt"));
        assertEquals("/var/spool/asterisk/afterhours/" + reference + "-1.wav", notice.recordingPath());
        String token = notice.acknowledgeLink().substring(notice.acknowledgeLink().indexOf("token=") + 6);
        assertEquals(new AcknowledgeLinks.Acknowledgement(reference, primary),
                f.links.verify(token, KEPT).orElseThrow());
    }

    @Test
    void an_acknowledged_message_stops_escalating_but_still_breaches_if_nobody_calls_back() throws SQLException {
        messageLeft(false);
        DueWorkPoller node = f.poller("node-a");
        at(Duration.ZERO, node);
        f.clock.set(KEPT.plus(Duration.ofMinutes(10)));
        assertTrue(f.followUps.acknowledge(reference, primary, "phone"));
        assertFalse(f.followUps.acknowledge(reference, secondary, "link"), "the first acknowledgement stands");
        assertEquals("ACKNOWLEDGED", status());

        assertEquals(List.of(), at(Duration.ofMinutes(45), node));
        assertEquals(List.of("MESSAGE_BREACHED " + primary, "MESSAGE_BREACHED " + secondary,
                "MESSAGE_BREACHED hana", "MESSAGE_BREACHED sam"), at(Duration.ofMinutes(60), node));
        assertEquals("BREACHED", status());
        assertEquals("MESSAGE_STEP_SKIPPED=3",
                f.tables.text("SELECT CONCAT(type, '=', COUNT(*)) FROM after_call_event WHERE reference = ?"
                        + " AND type = 'MESSAGE_STEP_SKIPPED' GROUP BY type", reference));
    }

    @Test
    void a_message_called_back_within_the_hour_is_responded_and_never_breached() throws SQLException {
        messageLeft(false);
        DueWorkPoller node = f.poller("node-a");
        at(Duration.ofMinutes(15), node);
        f.clock.set(KEPT.plus(Duration.ofMinutes(20)));
        assertTrue(f.followUps.responded(reference, secondary, "phone"));

        assertEquals(List.of(), at(Duration.ofMinutes(90), node));
        assertEquals("RESPONDED", status());
        assertEquals(secondary + " " + KEPT.plus(Duration.ofMinutes(20)).toString().replace("Z", ""),
                f.tables.text("SELECT CONCAT(message_responded_by, ' ', DATE_FORMAT(message_responded_at,"
                        + " '%Y-%m-%dT%H:%i:%s')) FROM call_record WHERE reference = ?", reference));
        assertEquals(null, f.tables.text("SELECT message_breached_at FROM call_record WHERE reference = ?", reference));
    }

    @Test
    void a_message_acknowledged_by_its_link_and_then_marked_responded_in_the_console_never_breaches()
            throws SQLException {
        messageLeft(false);
        DueWorkPoller node = f.poller("node-a");
        at(Duration.ZERO, node);
        f.clock.set(KEPT.plus(Duration.ofMinutes(5)));
        assertTrue(f.followUps.acknowledge(reference, primary, "link"));
        Instant calledBack = KEPT.plus(Duration.ofMinutes(40));

        f.clock.set(calledBack);
        assertTrue(f.followUps.responded(reference, primary, "console"), "acknowledged, still owed a call back");

        assertEquals(List.of(), at(Duration.ofMinutes(90), node));
        assertEquals("RESPONDED", status());
        assertEquals(primary + " " + calledBack.toString().replace("Z", ""),
                f.tables.text("SELECT CONCAT(message_responded_by, ' ', DATE_FORMAT(message_responded_at,"
                        + " '%Y-%m-%dT%H:%i:%s')) FROM call_record WHERE reference = ?", reference));
    }

    @Test
    void a_restart_in_the_middle_of_the_hour_picks_up_where_the_clock_stands() throws Exception {
        messageLeft(false);
        DueWorkPoller before = f.poller("node-a");
        at(Duration.ZERO, before);
        at(Duration.ofMinutes(16), before);
        // The node stops; a new one starts 35 minutes later on the same tables, with handlers built afresh.
        List<String> after = at(Duration.ofMinutes(61), f.poller("node-a"));
        assertEquals(List.of(
                "MESSAGE_UNACKNOWLEDGED " + primary, "MESSAGE_UNACKNOWLEDGED " + secondary,
                "MESSAGE_UNACKNOWLEDGED hana",
                "MESSAGE_UNACKNOWLEDGED " + primary, "MESSAGE_UNACKNOWLEDGED " + secondary,
                "MESSAGE_UNACKNOWLEDGED hana", "MESSAGE_UNACKNOWLEDGED sam",
                "MESSAGE_BREACHED " + primary, "MESSAGE_BREACHED " + secondary,
                "MESSAGE_BREACHED hana", "MESSAGE_BREACHED sam"), after, "steps 2 and 3 once each, then the breach");
        assertEquals("BREACHED", status());
    }

    @Test
    void a_channel_that_fails_is_retried_for_the_failed_recipient_only() throws SQLException {
        messageLeft(false);
        f.channel.failFor.add(AfterCallFixture.HELPDESK);
        DueWorkPoller node = f.poller("node-a");
        assertEquals(List.of("MESSAGE_KEPT " + primary), at(Duration.ZERO, node));
        assertEquals("NOTICE_FAILED test " + AfterCallFixture.HELPDESK, f.tables.text("SELECT CONCAT(type, ' ',"
                + " channel, ' ', recipient) FROM after_call_event WHERE reference = ? AND type = 'NOTICE_FAILED'",
                reference));

        f.channel.failFor.clear();
        assertEquals(List.of("MESSAGE_KEPT " + AfterCallFixture.HELPDESK), at(Duration.ofMinutes(1), node));
        assertEquals("DONE", f.tables.text("SELECT state FROM due_work WHERE reference = ? AND kind = 'MESSAGE_NOTICE'",
                reference));
    }

    @Test
    void a_step_retried_after_a_failing_channel_is_written_in_the_history_once() throws SQLException {
        messageLeft(false);
        DueWorkPoller node = f.poller("node-a");
        at(Duration.ZERO, node);
        f.channel.failFor.add(secondary);
        for (int minute = 15; minute <= 20; minute++) {
            at(Duration.ofMinutes(minute), node); // step 1 and its retries (the first after a minute)
        }
        f.channel.failFor.clear();
        at(Duration.ofMinutes(29), node);

        assertEquals("1", f.tables.text("SELECT COUNT(*) FROM after_call_event WHERE reference = ?"
                + " AND type = 'MESSAGE_ESCALATED'", reference), "the step's note, not one per attempt");
        assertEquals("1", f.tables.text("SELECT COUNT(*) FROM after_call_event WHERE reference = ?"
                + " AND type = 'NOTICE_FAILED' AND recipient = '" + secondary + "'", reference),
                "one failure row for the delivery, with its last error");
        assertEquals("1", f.tables.text("SELECT COUNT(*) FROM after_call_event e JOIN due_work d ON d.id = e.due_id"
                + " WHERE e.reference = ? AND d.kind = 'MESSAGE_ESCALATION' AND e.type = 'NOTICE_SENT'"
                + " AND e.recipient = '" + secondary + "'", reference), "delivered once it could be");
    }

    @Test
    void a_replayed_journal_schedules_nothing_twice() throws SQLException {
        messageLeft(false);
        messageLeft(false);
        assertEquals("7", f.tables.text("SELECT COUNT(*) FROM due_work WHERE reference = ?", reference),
                "notice, three steps, breach, the follow-up's reminder and overdue");
    }

    @Test
    void a_message_handed_to_the_dialplans_box_runs_the_same_clock() {
        Obligations obligations = new Obligations(AfterCallSettings.DEFAULTS);
        var handed = new org.afterhours.calllog.CallEvent(reference, 3, KEPT, CallEventType.VOICEMAIL_HANDED_TO_DIALPLAN,
                Map.of("path", "voicemail box", "urgent", "false"));
        var kept = new org.afterhours.calllog.CallEvent(reference, 3, KEPT, CallEventType.VOICEMAIL_KEPT,
                AfterCallFixture.kept(reference, false));
        assertEquals(obligations.dueFor(kept), obligations.dueFor(handed));
        assertEquals(obligations.followUpFor(kept), obligations.followUpFor(handed));
    }

    private String eventCounts() throws SQLException {
        return f.tables.text("SELECT GROUP_CONCAT(CONCAT(type, '=', n) ORDER BY FIELD(type, 'NOTICE_SENT',"
                + " 'MESSAGE_ESCALATED', 'MESSAGE_BREACHED', 'FOLLOW_UP_OWED') SEPARATOR ' ') FROM (SELECT type,"
                + " COUNT(*) n FROM after_call_event WHERE reference = ? GROUP BY type) t", reference);
    }
}
