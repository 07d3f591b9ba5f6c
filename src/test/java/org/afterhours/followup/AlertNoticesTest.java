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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The written alerts to the alert roles (the Hosted Administrator and the Support Manager) go through the due table
 * like every other notice: owed by the call's own event, sent by whichever node polls, retried for whoever a channel
 * failed, recorded once per delivery.
 */
@Tag("clock")
class AlertNoticesTest {
    private static final Instant CALLED = Instant.parse("2001-03-06T08:13:30Z");
    private static final Instant KEY = CALLED.plusSeconds(10);

    private final AfterCallFixture f = new AfterCallFixture(CALLED);
    private final ReferenceNumber reference = f.tables.reference(41);

    @AfterEach
    void deleteOurRows() throws SQLException {
        f.tables.deleteOurs();
    }

    private List<String> alertsAt(Instant at) {
        f.clock.set(at);
        f.poller("node-a").pollOnce();
        return f.channel.takeSent().stream().filter(s -> !s.startsWith("EMERGENCY_RESPONSE")).toList();
    }

    @Test
    void an_accepted_emergency_is_told_to_the_managers_naming_who_took_it() {
        String technician = f.primaryAt(KEY);
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, KEY, Map.of("triage", "EMERGENCY"),
                CallEventType.TECHNICIAN_ACCEPTED, KEY.plusSeconds(40), Map.of("person", technician),
                CallEventType.ESCALATION_ENDED, KEY.plusSeconds(40), Map.of("outcome", "ACCEPTED"));

        assertEquals(List.of("EMERGENCY_ACCEPTED hana", "EMERGENCY_ACCEPTED sam"), alertsAt(KEY.plusSeconds(41)));
        assertTrue(f.channel.notices.getLast().subject().endsWith(" accepted by "
                + f.rules.person(technician).orElseThrow().name()), f.channel.notices.getLast().subject());
        assertEquals(List.of(), alertsAt(KEY.plus(Duration.ofMinutes(5))), "told once");
    }

    @Test
    void an_emergency_nobody_accepted_is_told_to_the_managers() {
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, KEY, Map.of("triage", "EMERGENCY"),
                CallEventType.ESCALATION_ENDED, KEY.plusSeconds(300), Map.of("outcome", "NOBODY_ACCEPTED"));

        assertEquals(List.of("EMERGENCY_NOT_ACCEPTED hana", "EMERGENCY_NOT_ACCEPTED sam"),
                alertsAt(KEY.plusSeconds(301)));
    }

    @Test
    void a_failed_recording_is_told_to_the_managers_and_retried_for_whoever_a_channel_failed() throws SQLException {
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, KEY, Map.of("triage", "NON_EMERGENCY"),
                CallEventType.RECORDING_FAILED, KEY.plusSeconds(20), Map.of("path", "/nowhere", "reason", "writefile"));
        f.channel.failFor.add("sam");

        assertEquals(List.of("RECORDING_FAILED hana"), alertsAt(KEY.plusSeconds(21)));
        f.channel.failFor.clear();
        assertEquals(List.of("RECORDING_FAILED sam"), alertsAt(KEY.plusSeconds(21).plus(Duration.ofMinutes(1))));
        assertEquals("1", f.tables.text("SELECT COUNT(*) FROM after_call_event WHERE reference = ?"
                + " AND type = 'NOTICE_SENT' AND recipient = 'hana'", reference), "hana told once");
    }
}
