package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.JdbcAfterCallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console shows and changes a message only through followup: every message still owed a call back is on
 * Tonight (acknowledged by phone or link, or past its deadline, too), on followup's clock counted from when the
 * message was kept, and any of them can be marked responded, which records the event the timers read.
 */
@Tag("clock")
class MessageStatePagesTest {
    /** The fixture's message is kept at 09:01:00 UTC (a minute into its call); the default clock is one hour. */
    private static final Instant KEPT = Instant.parse("2031-01-08T09:01:00Z");

    private ConsoleFixture fixture;
    private HttpSession alice;

    @BeforeEach
    void start() throws Exception {
        fixture = new ConsoleFixture();
        alice = HttpSession.logIn(fixture, "alice");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void a_pending_message_counts_down_from_when_it_was_kept_on_the_configured_clock() throws Exception {
        assertEquals("31 min 0 s left", clockOnTonight("2031-01-08T09:30:00Z"));
        assertEquals("overdue by 30 min 1 s", clockOnTonight("2031-01-08T10:31:01Z"));
    }

    @Test
    void a_message_acknowledged_by_phone_still_waits_for_its_call_back_on_tonight() throws Exception {
        assertTrue(fixture.followUps.acknowledge(new ReferenceNumber(fixture.message), "alice", "phone"));

        String line = messageLine("2031-01-08T09:30:00Z");
        assertTrue(line.contains("31 min 0 s left"), line);
        assertTrue(line.contains("acknowledged, not called back yet"), line);
    }

    @Test
    void a_message_past_its_deadline_still_waits_for_its_call_back_on_tonight() throws Exception {
        breach();

        assertEquals("overdue by 59 min 0 s", clockOnTonight("2031-01-08T11:00:00Z"));
    }

    @Test
    void a_message_called_back_is_no_longer_on_tonight() throws Exception {
        fixture.followUps.responded(new ReferenceNumber(fixture.message), "alice", "phone");

        assertEquals("", messageLine("2031-01-08T09:30:00Z"));
    }

    @ParameterizedTest(name = "a message {0} is marked responded in the console, and the event is recorded")
    @ValueSource(strings = {"pending", "acknowledged by key 3", "past its deadline"})
    void any_message_still_waiting_can_be_marked_responded_in_the_console(String state) throws Exception {
        ReferenceNumber reference = new ReferenceNumber(fixture.message);
        if (state.startsWith("acknowledged")) {
            fixture.followUps.acknowledge(reference, "bob", "phone");
        } else if (state.startsWith("past")) {
            breach();
        }
        String callPage = "/calls/" + fixture.message;
        assertTrue(alice.get(callPage).body().contains("id=\"responded\""), "the form is offered when " + state);

        HttpSession.Response r = alice.post(callPage + "/message-responded", alice.token(callPage), Map.of());

        assertEquals(303, r.status());
        String page = alice.get(callPage).body();
        assertTrue(page.contains("Message marked responded."), page);
        assertTrue(page.contains("<strong id=\"message-status\">Called back</strong>"), "status shown: " + state);
        assertFalse(page.contains("id=\"responded\""), "nothing left to mark");
        assertEquals(List.of("MESSAGE_RESPONDED alice console"), afterCallEvents("MESSAGE_RESPONDED"));
    }

    @Test
    void the_call_log_filters_cut_off_calls() throws Exception {
        String page = alice.get("/calls?outcome=CUT_OFF").body();

        assertTrue(page.contains("<option value=\"CUT_OFF\" selected>Cut off: the server stopped</option>"),
                "CUT_OFF is one of the outcomes offered, in words, and chosen");
        for (String reference : List.of(fixture.emergency, fixture.message, fixture.escalated)) {
            assertFalse(page.contains("href=\"/calls/" + reference + "\""), reference + " was not cut off");
        }
    }

    @Test
    void an_outcome_that_is_not_one_is_refused_naming_the_field() throws Exception {
        HttpSession.Response r = alice.get("/calls?outcome=CUT-OFF");

        assertEquals(400, r.status());
        assertTrue(r.body().startsWith("outcome: no such value; it is one of "), r.body());
        assertTrue(r.body().contains("CUT_OFF"), r.body());
        assertEquals(400, alice.get("/calls.csv?outcome=nonsense").status(), "the CSV export too");
    }

    private void breach() {
        new JdbcAfterCallRecord(fixture.database.dataSource()).breach(new ReferenceNumber(fixture.message),
                KEPT.plusSeconds(3600));
    }

    /** The message's clock as Tonight shows it at {@code at}. */
    private String clockOnTonight(String at) throws Exception {
        String line = messageLine(at);
        return line.substring(line.indexOf(": ") + 2).replaceAll("<.*", "").strip();
    }

    /** The fixture message's line of Tonight's waiting messages at {@code at}, or "" when it is not listed. */
    private String messageLine(String at) throws Exception {
        String page = alice.get("/tonight?at=" + at).body();
        for (String item : page.split("<li")) {
            String line = item.contains("</li>") ? item.substring(0, item.indexOf("</li>")) : "";
            // Pat Caller's: a stale call of another run may share the reference on the shared test database.
            if (line.contains("href=\"/calls/" + fixture.message + "\"") && line.contains("Pat Caller")) {
                return line;
            }
        }
        return "";
    }

    private List<String> afterCallEvents(String type) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = fixture.database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT type, recipient, channel FROM after_call_event"
                     + " WHERE reference = ? AND type = ? ORDER BY id")) {
            s.setString(1, fixture.message);
            s.setString(2, type);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return events;
    }
}
