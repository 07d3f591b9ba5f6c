package org.afterhours.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.escalation.Notice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An emergency caller cut off when a node died is an alert, not a log line: everyone who can call them back is told
 * at once, through the same due table as every other notice (any node sends it, a failed delivery is retried).
 */
@Tag("clock")
class CutOffAlertsTest {
    private static final Instant CALLED = Instant.parse("2001-03-06T08:13:30Z");
    private static final Instant FOUND = CALLED.plusSeconds(95);

    private final AfterCallFixture f = new AfterCallFixture(CALLED);
    private final ReferenceNumber reference = f.tables.reference(31);

    @AfterEach
    void deleteOurRows() throws SQLException {
        f.tables.deleteOurs();
    }

    private void emergencyCutOffWhileRinging() {
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, CALLED.plusSeconds(10), Map.of("triage", "EMERGENCY"));
        f.clock.set(FOUND);
        f.followUps.alertEmergencyCutOff(reference, "ATTEMPT_STARTED");
    }

    private List<String> alertsAt(Duration afterFound) {
        f.clock.set(FOUND.plus(afterFound));
        f.poller("node-a").pollOnce();
        return f.channel.takeSent().stream().filter(s -> s.startsWith("EMERGENCY_CUT_OFF")).toList();
    }

    @Test
    void the_on_call_technicians_and_the_managers_are_told_at_once_to_call_the_caller_back() {
        emergencyCutOffWhileRinging();
        String primary = f.primaryAt(FOUND);
        String secondary = f.secondaryAt(FOUND);

        assertEquals(List.of("EMERGENCY_CUT_OFF " + primary, "EMERGENCY_CUT_OFF " + secondary,
                "EMERGENCY_CUT_OFF hana", "EMERGENCY_CUT_OFF sam"), alertsAt(Duration.ZERO));

        Notice notice = f.channel.notices.getLast();
        assertTrue(notice.subject().startsWith("CALL BACK NOW: emergency caller "), notice.subject());
        assertTrue(notice.summary().contains("(ATTEMPT_STARTED)"), notice.summary());
        assertEquals(List.of(), alertsAt(Duration.ofMinutes(5)), "told once");
    }

    @Test
    void a_failed_delivery_is_retried_for_that_person_only_and_recorded_once() throws SQLException {
        emergencyCutOffWhileRinging();
        f.channel.failFor.add("sam");
        assertEquals(3, alertsAt(Duration.ZERO).size());
        f.channel.failFor.clear();

        assertEquals(List.of("EMERGENCY_CUT_OFF sam"), alertsAt(Duration.ofMinutes(1)));
        assertEquals("1 1", f.tables.text("SELECT CONCAT(SUM(type = 'NOTICE_FAILED'), ' ', SUM(type = 'NOTICE_SENT'))"
                + " FROM after_call_event WHERE reference = ? AND recipient = 'sam'", reference));
    }
}
