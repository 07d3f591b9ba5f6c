package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.FollowUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Follow-ups page and the "follow-up done" form on a call's page, over HTTP. */
@Tag("clock")
class FollowUpPagesTest {
    private ConsoleFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ConsoleFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void the_page_lists_each_open_follow_up_with_its_caller_due_time_and_who_owes_it_and_marks_the_overdue_one()
            throws Exception {
        HttpSession bob = HttpSession.logIn(fixture, "bob");
        String page = bob.get("/followups").body();

        String overdue = row(page, fixture.emergency);
        assertTrue(overdue.startsWith("overdue\""), "the overdue row is marked: " + overdue);
        assertTrue(overdue.contains("<a href=\"/calls/" + fixture.emergency + "\">"), overdue);
        assertTrue(overdue.contains("Wed 2031-01-08 02:10"), "due a day after, Chicago");
        assertTrue(overdue.contains("Alice Tester"), "alice took the call, so she owes it: " + overdue);

        String due = row(page, fixture.message);
        assertFalse(due.startsWith("overdue"), "not due yet: " + due);
        assertTrue(due.contains("Pat Caller"), due);
        assertTrue(due.contains("Mon 2031-01-13 11:00"), "17:00 UTC is 11:00 in Chicago: " + due);
        assertTrue(due.contains("Alice Tester"), "alice was on call when the message came in: " + due);

        String overdueOnly = bob.get("/followups?overdue=1").body();
        assertTrue(overdueOnly.contains("id=\"followup-" + fixture.emergency + "\""));
        assertFalse(overdueOnly.contains("id=\"followup-" + fixture.message + "\""), "not overdue yet");
        assertTrue(page.contains("href=\"/followups\""), "the navigation links the page");
    }

    @Test
    void a_caller_name_with_a_script_shows_as_text_on_the_follow_ups_page() throws Exception {
        String page = HttpSession.logIn(fixture, "alice").get("/followups").body();
        assertTrue(row(page, fixture.emergency).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(page.contains(ConsoleFixture.HOSTILE_NAME));
    }

    @Test
    void the_done_form_without_how_names_the_field_and_changes_nothing() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        String callPage = "/calls/" + fixture.emergency;
        String token = alice.token(callPage);
        HttpSession.Response r = alice.post(callPage + "/followup-done", token, Map.of("when", "2031-01-13T08:30",
                "note", "called back"));
        assertEquals(303, r.status());
        assertEquals(callPage, r.location());
        String page = alice.get(callPage).body();
        assertTrue(page.contains("Not saved: How is missing"), "the field is named");
        assertTrue(page.contains("Overdue: was due"), "still owed");
        assertTrue(followUp(fixture.emergency).done().isEmpty());

        done(alice, fixture.emergency, Map.of("how", "pigeon", "when", "2031-01-13T08:30"));
        assertTrue(alice.get(callPage).body().contains("Not saved: How must be phone, email or ticket."));
        done(alice, fixture.emergency, Map.of("how", "phone", "when", "yesterday"));
        assertTrue(alice.get(callPage).body().contains("Not saved: When must be a date and time"));
        done(alice, fixture.emergency, Map.of("how", "phone", "when", "2031-01-13T10:00"));
        assertTrue(alice.get(callPage).body().contains("Not saved: When is in the future."));
        assertTrue(followUp(fixture.emergency).done().isEmpty());
    }

    @Test
    void a_valid_done_form_records_who_how_when_and_the_note_and_the_list_drops_the_follow_up() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        String callPage = "/calls/" + fixture.emergency;
        assertTrue(alice.get(callPage).body().contains("value=\"2031-01-13T09:00\""), "when defaults to now");
        HttpSession.Response r = alice.post(callPage + "/followup-done", alice.token(callPage), Map.of("how",
                "phone", "when", "2031-01-13T08:30", "note", "Called back; <b>fixed</b>"));
        assertEquals(303, r.status());

        FollowUp.Done done = followUp(fixture.emergency).done().orElseThrow();
        assertEquals("alice", done.by());
        assertEquals(FollowUpMethod.PHONE, done.how());
        assertEquals(Instant.parse("2031-01-13T14:30:00Z"), done.at(), "08:30 Chicago");
        assertEquals("Called back; <b>fixed</b>", done.note());

        String page = alice.get(callPage).body();
        assertTrue(page.contains("Follow-up recorded done."));
        assertTrue(page.contains("Done: by <span id=\"followup-by\">Alice Tester</span>, <span id=\"followup-how\">"
                + "phone</span>, <span id=\"followup-at\">Mon 2031-01-13 08:30</span>"), "who, how, when");
        assertTrue(page.contains("Called back; &lt;b&gt;fixed&lt;/b&gt;"), "the note, as text");
        assertFalse(page.contains("id=\"followup\""), "no form once done");
        assertFalse(alice.get("/followups").body().contains("id=\"followup-" + fixture.emergency + "\""));

        done(alice, fixture.emergency, Map.of("how", "email"));
        assertTrue(alice.get(callPage).body().contains("recorded done already"), "the first done stands");
        assertEquals(FollowUpMethod.PHONE, followUp(fixture.emergency).done().orElseThrow().how());
    }

    @Test
    void the_done_form_without_its_csrf_token_is_refused_and_changes_nothing() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        HttpSession.Response r = alice.post("/calls/" + fixture.message + "/followup-done", null, Map.of("how",
                "phone", "note", "forged"));
        assertEquals(403, r.status());
        assertTrue(followUp(fixture.message).done().isEmpty());
    }

    /** Posts the done form of {@code reference} with a fresh token; the answer is the redirect to the call. */
    private void done(HttpSession session, String reference, Map<String, String> form) throws Exception {
        HttpSession.Response r = session.post("/calls/" + reference + "/followup-done",
                session.token("/calls/" + reference), form);
        assertEquals(303, r.status(), r.body());
    }

    private FollowUp followUp(String reference) {
        return fixture.followUpBook.find(new ReferenceNumber(reference)).orElseThrow();
    }

    /** The row of {@code reference}: from its class attribute's value to the end of the row. */
    private static String row(String page, String reference) {
        Matcher m = Pattern.compile("<tr class=\"([^\"]*\" id=\"followup-" + reference + "\">.*?)</tr>",
                Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "the page lists " + reference + ": " + page);
        return m.group(1);
    }
}
