package org.afterhours.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The contract: a technician accepts an emergency within 15 minutes of the caller's key, or it is a breach. */
@Tag("clock")
class ResponseClockTest {
    private static final Instant CALLED = Instant.parse("2001-03-06T08:13:30Z");
    private static final Instant KEY = CALLED.plusSeconds(10);

    private final AfterCallFixture f = new AfterCallFixture(CALLED);
    private final ReferenceNumber reference = f.tables.reference(21);

    @AfterEach
    void deleteOurRows() throws SQLException {
        f.tables.deleteOurs();
    }

    private List<String> breachNoticesAt(Duration afterKey) {
        f.clock.set(KEY.plus(afterKey));
        f.poller("node-a").pollOnce();
        return f.channel.takeSent().stream().filter(s -> s.startsWith("EMERGENCY_RESPONSE")).toList();
    }

    private String breachedAt() throws SQLException {
        return f.tables.text("SELECT DATE_FORMAT(response_breached_at, '%H:%i:%s') FROM call_record"
                + " WHERE reference = ?", reference);
    }

    @Test
    void an_emergency_accepted_in_time_meets_the_contract() throws SQLException {
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, KEY, Map.of("triage", "EMERGENCY"),
                CallEventType.TECHNICIAN_ACCEPTED, KEY.plus(Duration.ofMinutes(15)), Map.of("person", "alice"));
        assertEquals(List.of(), breachNoticesAt(Duration.ofMinutes(16)));
        assertEquals(null, breachedAt());
        assertEquals("EMERGENCY_RESPONSE_MET alice accepted after 900 s", f.tables.text("SELECT CONCAT(type, ' ',"
                + " recipient, ' ', detail) FROM after_call_event WHERE reference = ? AND type LIKE 'EMERGENCY%'",
                reference));
    }

    @Test
    void a_search_still_running_at_fifteen_minutes_is_a_breach_and_the_managers_are_told() throws SQLException {
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, KEY, Map.of("triage", "EMERGENCY"));
        assertEquals(List.of(), breachNoticesAt(Duration.ofMinutes(16).minusMillis(1)),
                "read a minute after the deadline, once the call log has caught up");
        assertEquals(List.of("EMERGENCY_RESPONSE_BREACHED hana", "EMERGENCY_RESPONSE_BREACHED sam"),
                breachNoticesAt(Duration.ofMinutes(16)));
        assertEquals("08:28:40", breachedAt(), "the breach is the deadline: the key plus 15 minutes");
    }

    @Test
    void an_acceptance_after_the_deadline_is_still_a_breach() throws SQLException {
        f.write(reference, CallEventType.CALL_STARTED, CALLED, AfterCallFixture.started(),
                CallEventType.TRIAGED, KEY, Map.of("triage", "EMERGENCY"),
                CallEventType.TECHNICIAN_ACCEPTED, KEY.plus(Duration.ofMinutes(15)).plusMillis(1),
                Map.of("person", "alice"));
        assertEquals(2, breachNoticesAt(Duration.ofMinutes(16)).size());
        assertEquals("08:28:40", breachedAt());
    }
}
