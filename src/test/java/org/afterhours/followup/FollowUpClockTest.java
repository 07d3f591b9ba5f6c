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
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.ReferenceNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every emergency and every message owes the caller a follow-up within 24 hours: a reminder to whoever handled the
 * call at +20 h, "overdue" to the Support Manager at +24 h; done means who, how, when and a note.
 */
@Tag("clock")
class FollowUpClockTest {
    private static final Instant CALLED = Instant.parse("2001-03-06T08:13:30Z");
    private static final Instant TRIAGED = CALLED.plusSeconds(10);

    private final AfterCallFixture f = new AfterCallFixture(CALLED);
    private final ReferenceNumber reference = f.tables.reference(11);

    @AfterEach
    void deleteOurRows() throws SQLException {
        f.tables.deleteOurs();
    }

    private void emergencyAcceptedBy(String technician) {
        f.write(reference,
                CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, TRIAGED, Map.of("triage", "EMERGENCY", "reason", "chosen"),
                CallEventType.TECHNICIAN_ACCEPTED, TRIAGED.plus(Duration.ofMinutes(3)),
                Map.of("leg", "l1", "person", technician, "personName", technician, "afterMillis", "180000"));
    }

    private List<String> at(Duration afterTriage, DueWorkPoller poller) {
        f.clock.set(TRIAGED.plus(afterTriage));
        poller.pollOnce();
        return f.channel.takeSent().stream().filter(s -> s.startsWith("FOLLOW_UP")).toList();
    }

    @Test
    void the_technician_who_took_the_call_is_reminded_at_twenty_hours_and_the_manager_told_at_twenty_four() {
        emergencyAcceptedBy("bob");
        DueWorkPoller node = f.poller("node-a");
        assertEquals(List.of(), at(Duration.ofHours(20).minusMillis(1), node));
        assertEquals(List.of("FOLLOW_UP_REMINDER bob"), at(Duration.ofHours(20), node));
        assertEquals(List.of(), at(Duration.ofHours(24).minusMillis(1), node));
        assertEquals(List.of("FOLLOW_UP_OVERDUE sam", "FOLLOW_UP_OVERDUE bob"), at(Duration.ofHours(24), node));

        f.clock.set(TRIAGED.plus(Duration.ofHours(25)));
        assertEquals(List.of(reference), f.followUps.open(true).stream().map(FollowUp::reference)
                .filter(reference::equals).toList());
    }

    @Test
    void a_follow_up_done_in_time_silences_the_overdue_notice_and_keeps_who_how_when_and_the_note()
            throws SQLException {
        emergencyAcceptedBy("alice");
        DueWorkPoller node = f.poller("node-a");
        at(Duration.ofHours(20), node);
        f.clock.set(TRIAGED.plus(Duration.ofHours(21)));
        assertTrue(f.followUps.done(reference, "alice", FollowUpMethod.parse("phone"), "printer fixed; <b>ok</b>"));
        assertFalse(f.followUps.done(reference, "bob", FollowUpMethod.EMAIL, "again"), "the first stands");

        assertEquals(List.of(), at(Duration.ofHours(30), node));
        FollowUp done = f.followUps.find(reference).orElseThrow();
        assertEquals(FollowUpCause.EMERGENCY, done.cause());
        assertEquals(TRIAGED.plus(Duration.ofHours(24)), done.dueAt());
        assertEquals(new FollowUp.Done("alice", FollowUpMethod.PHONE, TRIAGED.plus(Duration.ofHours(21)),
                "printer fixed; <b>ok</b>"), done.done().orElseThrow());
        assertEquals("FOLLOW_UP_DONE alice PHONE", f.tables.text("SELECT CONCAT(type, ' ', recipient, ' ', channel)"
                + " FROM after_call_event WHERE reference = ? AND type = 'FOLLOW_UP_DONE'", reference));
    }

    @Test
    void a_call_cut_off_by_a_crash_can_owe_a_follow_up_due_at_once() {
        ReferenceNumber cutOff = f.tables.reference(12);
        f.clock.set(CALLED);
        assertTrue(f.followUps.oweAtOnce(cutOff, FollowUpCause.CALL_CUT_OFF));
        assertFalse(f.followUps.oweAtOnce(cutOff, FollowUpCause.CALL_CUT_OFF), "owed once");
        f.poller("node-a").pollOnce();
        assertEquals(List.of("FOLLOW_UP_OVERDUE sam"), f.channel.takeSent());
    }

    @Test
    void a_non_emergency_without_a_message_owes_nothing_unless_the_server_is_set_to_follow_those_up() {
        var event = new org.afterhours.calllog.CallEvent(reference, 2, TRIAGED, CallEventType.TRIAGED,
                Map.of("triage", "NON_EMERGENCY"));
        assertTrue(new Obligations(AfterCallSettings.DEFAULTS).followUpFor(event).isEmpty());
        AfterCallSettings followAll = new AfterCallSettings(AfterCallSettings.DEFAULTS.messageSteps(),
                Duration.ofMinutes(60), Duration.ofHours(24), Duration.ofHours(20), true, Duration.ofMinutes(15),
                Duration.ofMinutes(1), "Support Manager", List.of("Support Manager"), 13, Duration.ofDays(14));
        assertEquals(FollowUpCause.NON_EMERGENCY, new Obligations(followAll).followUpFor(event).orElseThrow().cause());
    }
}
