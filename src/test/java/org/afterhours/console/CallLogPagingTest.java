package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.afterhours.calllog.CallCursor;
import org.afterhours.calllog.CallFilter;
import org.afterhours.calllog.CallPage;
import org.afterhours.calllog.CallSummary;
import org.afterhours.calllog.Completion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The call log's queries on the fixture's three calls, two to a page. */
@Tag("clock")
class CallLogPagingTest {
    private static ConsoleFixture fixture;
    private static CallFilter week;

    @BeforeAll
    static void start() {
        fixture = new ConsoleFixture();
        week = new CallFilter(Instant.parse("2031-01-06T14:00:00Z"), Instant.parse("2031-01-13T14:00:00Z"),
                fixture.lineId, null, null, false, null);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void pages_walk_older_and_back_newer_from_a_cursor() {
        CallPage first = fixture.calls.search(week, Optional.empty(), 2);
        assertEquals(List.of(fixture.escalated, fixture.message), references(first));
        assertTrue(first.hasOlder());
        assertFalse(first.hasNewer());

        CallPage second = fixture.calls.search(week, Optional.of(first.olderCursor()), 2);
        assertEquals(List.of(fixture.emergency), references(second));
        assertFalse(second.hasOlder());
        assertTrue(second.hasNewer());

        CallPage back = fixture.calls.search(week, Optional.of(second.newerCursor()), 2);
        assertEquals(List.of(fixture.escalated, fixture.message), references(back));
        assertEquals(first.olderCursor(), CallCursor.parse(first.olderCursor().token(), true).orElseThrow());
    }

    @Test
    void filters_combine_triage_outcome_incomplete_and_mine() {
        assertEquals(List.of(fixture.escalated, fixture.emergency), references(fixture.calls.search(
                new CallFilter(week.from(), week.until(), fixture.lineId, "EMERGENCY", null, false, null),
                Optional.empty(), 50)));
        assertEquals(List.of(fixture.message), references(fixture.calls.search(
                new CallFilter(week.from(), week.until(), fixture.lineId, null, "VOICEMAIL", false, null),
                Optional.empty(), 50)));
        assertEquals(List.of(fixture.escalated, fixture.emergency), references(fixture.calls.search(
                new CallFilter(week.from(), week.until(), fixture.lineId, null, null, false, "alice"), Optional.empty(), 50)),
                "alice took one and was rung for the other");
        fixture.calls.complete(fixture.message, new Completion("s", "r", "t", "alice"), "alice",
                ConsoleFixture.NOW);
        assertEquals(List.of(fixture.escalated, fixture.emergency), references(fixture.calls.search(
                new CallFilter(week.from(), week.until(), fixture.lineId, null, null, true, null),
                Optional.empty(), 50)));
    }

    @Test
    void a_cursor_that_is_not_one_is_ignored() {
        assertTrue(CallCursor.parse("1' OR 1=1", true).isEmpty());
        assertTrue(CallCursor.parse("123-12", true).isEmpty());
    }

    private static List<String> references(CallPage page) {
        return page.calls().stream().map(CallSummary::reference).toList();
    }
}
