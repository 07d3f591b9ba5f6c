package org.afterhours.oncall;

import static org.afterhours.oncall.Fixtures.override;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Overrides on the weekly rotation alice, bob, carol (Monday 08:00 Chicago). Week of 2026-11-23: bob primary, carol
 * secondary; the hand-off on Monday 2026-11-30 08:00 CST (14:00Z) makes carol primary and alice secondary.
 */
@Tag("clock")
class OverrideTest {

    private static final RuleBook BOOK = Fixtures.procedure()
            // alice covers primary across the 11-30 hand-off; the oldest
            .override(override("o1", Position.PRIMARY, "alice", null,
                    "2026-11-25T18:00:00Z", "2026-11-30T18:00:00Z", "2026-11-01T00:00:00Z"))
            // dave takes one day inside erin's cover; the newest, so he wins where they overlap
            .override(override("o2", Position.PRIMARY, "dave", null,
                    "2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z", "2026-11-20T00:00:00Z"))
            // erin covers three days inside alice's cover; newer than o1
            .override(override("o3", Position.PRIMARY, "erin", null,
                    "2026-11-26T00:00:00Z", "2026-11-29T00:00:00Z", "2026-11-10T00:00:00Z"))
            // bob replaces carol as secondary: only while carol would be secondary, i.e. until the 11-30 hand-off
            .override(override("o4", Position.SECONDARY, "bob", "carol",
                    "2026-11-29T00:00:00Z", "2026-12-02T00:00:00Z", "2026-11-15T00:00:00Z"))
            .book();

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "2026-11-25T17:59:59.999Z, PRIMARY, bob",     // just before o1: the rotation
        "2026-11-25T18:00:00Z,     PRIMARY, alice",   // o1's start is inclusive
        "2026-11-25T23:59:59.999Z, PRIMARY, alice",
        "2026-11-26T00:00:00Z,     PRIMARY, erin",    // o3 overlaps o1 and is newer
        "2026-11-27T00:00:00Z,     PRIMARY, dave",    // o2 overlaps both and is the newest
        "2026-11-27T23:59:59.999Z, PRIMARY, dave",
        "2026-11-28T00:00:00Z,     PRIMARY, erin",    // o2's end is exclusive: back to o3
        "2026-11-29T00:00:00Z,     PRIMARY, alice",   // o3 over: back to o1
        "2026-11-30T14:00:00Z,     PRIMARY, alice",   // the hand-off to carol happens underneath o1
        "2026-11-30T17:59:59.999Z, PRIMARY, alice",
        "2026-11-30T18:00:00Z,     PRIMARY, carol",   // o1's end is exclusive: the rotation again
        "2026-11-28T23:59:59.999Z, SECONDARY, carol",
        "2026-11-29T00:00:00Z,     SECONDARY, bob",   // o4 replaces carol
        "2026-11-30T13:59:59.999Z, SECONDARY, bob",
        "2026-11-30T14:00:00Z,     SECONDARY, alice", // alice is secondary now, not carol: o4 does not apply
        "2026-12-01T23:59:59.999Z, SECONDARY, alice",
    })
    void overridesWinOverTheRotationAndTheNewestWinsOverlaps(String at, Position position, String expected) {
        assertEquals(Optional.of(expected), BOOK.onCall("main", position, Instant.parse(at)).map(Person::id));
    }

    @Test
    void theTimelineShowsEveryChangeOfHolder() {
        List<String> periods = BOOK.timeline("techs", Position.PRIMARY, Instant.parse("2026-11-25T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")).stream()
                .map(p -> p.from() + " " + p.person().map(Person::id).orElse("nobody") + " (" + p.source() + ")")
                .toList();

        assertEquals(List.of(
                "2026-11-25T00:00:00Z bob (rotation techs)",
                "2026-11-25T18:00:00Z alice (override o1)",
                "2026-11-26T00:00:00Z erin (override o3)",
                "2026-11-27T00:00:00Z dave (override o2)",
                "2026-11-28T00:00:00Z erin (override o3)",
                "2026-11-29T00:00:00Z alice (override o1)",
                "2026-11-30T18:00:00Z carol (rotation techs)"), periods);
    }

    @Test
    void betweenEquallyNewOverridesTheLaterInTheListWins() {
        RuleBook book = Fixtures.procedure()
                .override(override("first", Position.PRIMARY, "dave", null,
                        "2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", "2026-11-20T00:00:00Z"))
                .override(override("second", Position.PRIMARY, "erin", null,
                        "2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", "2026-11-20T00:00:00Z"))
                .book();

        assertEquals("erin", book.onCall("main", Position.PRIMARY, Instant.parse("2026-11-26T12:00:00Z")).orElseThrow().id());
    }

    /**
     * The sample's Christmas week: alice primary Mon-Thu, bob Thu-Mon, carol secondary only until Saturday, so
     * the weekend has no secondary (a gap); an override still applies on top of a temporary schedule.
     */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "2026-12-21T13:59:59Z, PRIMARY, bob",      // the rotation (week of 12-14: bob, carol)
        "2026-12-21T13:59:59Z, SECONDARY, carol",
        "2026-12-21T14:00:00Z, PRIMARY, alice",    // the schedule starts; the rotation would say carol
        "2026-12-21T14:00:00Z, SECONDARY, carol",
        "2026-12-24T14:00:00Z, PRIMARY, bob",
        "2026-12-25T00:00:00Z, PRIMARY, erin",     // the override on Christmas Day
        "2026-12-26T00:00:00Z, PRIMARY, bob",
        "2026-12-26T14:00:00Z, SECONDARY, nobody", // no shift covers it: nobody
        "2026-12-28T14:00:00Z, PRIMARY, alice",    // the schedule is over: the rotation (week of 12-28: alice, bob)
        "2026-12-28T14:00:00Z, SECONDARY, bob",
    })
    void aTemporaryScheduleReplacesTheRotationForItsWeek(String at, Position position, String expected) {
        RuleBook book = Fixtures.procedure()
                .temporary(new TemporarySchedule("xmas", "techs", Instant.parse("2026-12-21T14:00:00Z"),
                        Instant.parse("2026-12-28T14:00:00Z"), List.of(
                                shift(Position.PRIMARY, "alice", "2026-12-21T14:00:00Z", "2026-12-24T14:00:00Z"),
                                shift(Position.PRIMARY, "bob", "2026-12-24T14:00:00Z", "2026-12-28T14:00:00Z"),
                                shift(Position.SECONDARY, "carol", "2026-12-21T14:00:00Z", "2026-12-26T14:00:00Z"))))
                .override(override("xmas-day", Position.PRIMARY, "erin", null,
                        "2026-12-25T00:00:00Z", "2026-12-26T00:00:00Z", "2026-12-01T00:00:00Z"))
                .book();

        assertEquals(expected, book.onCall("main", position, Instant.parse(at)).map(Person::id).orElse("nobody"));
    }

    @Test
    void anInactivePersonIsNeverOnCallAndTheTimelineSaysWhy() {
        RuleBook book = new Fixtures.Setup()
                .people(Fixtures.inactive("alice", "technician"), Fixtures.person("bob", "technician"))
                .rotation(Fixtures.weekly("techs", "alice", "bob"))
                .policy(Fixtures.primaryOnly("p"))
                .line(Fixtures.line("main", "100", "techs", "p")).book();
        Instant aliceWeek = Instant.parse("2026-01-06T00:00:00Z");

        assertEquals(Optional.empty(), book.onCall("main", Position.PRIMARY, aliceWeek));
        assertEquals("rotation techs (alice is inactive)",
                book.timeline("techs", Position.PRIMARY, aliceWeek, aliceWeek.plusSeconds(60)).getFirst().source());
    }

    private static TemporarySchedule.Shift shift(Position position, String person, String from, String until) {
        return new TemporarySchedule.Shift(position, person, Instant.parse(from), Instant.parse(until));
    }
}
