package org.afterhours.oncall;

import static org.afterhours.oncall.Fixtures.CHICAGO;
import static org.afterhours.oncall.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-offs on the wall clock of the rotation's zone, across both daylight-saving changes of America/Chicago in 2026
 * (spring forward Sunday 2026-03-08 02:00 CST → 03:00 CDT; fall back Sunday 2026-11-01 02:00 CDT → 01:00 CST).
 */
@Tag("clock")
class RotationTest {

    /** Weekly Monday 08:00 from 2026-01-05: shift k starts on 2026-01-05 + 7k; alice, bob, carol in turn. */
    private static final RuleBook WEEKLY = Fixtures.procedure().book();

    @ParameterizedTest(name = "{0}: primary {1}, secondary {2}")
    @CsvSource({
        // week of 2026-03-02 (shift 8: carol, then alice) hands off at 08:00 CST = 14:00Z
        "2026-03-02T13:59:59Z, bob, carol",
        "2026-03-02T14:00:00Z, carol, alice",
        // the clocks spring forward on Sunday 03-08; Monday's 08:00 hand-off is 08:00 CDT = 13:00Z, an hour earlier in UTC
        "2026-03-09T12:59:59Z, carol, alice",
        "2026-03-09T13:00:00Z, alice, bob",
        // the clocks fall back on Sunday 11-01; Monday's 08:00 hand-off is 08:00 CST = 14:00Z
        "2026-10-26T13:00:00Z, alice, bob",
        "2026-11-02T13:59:59Z, alice, bob",
        "2026-11-02T14:00:00Z, bob, carol",
        // well before the start date the rotation runs backwards: shift -1 is carol's
        "2025-12-29T14:00:00Z, carol, alice",
        "2026-01-05T13:59:59Z, carol, alice",
        "2026-01-05T14:00:00Z, alice, bob",
    })
    void weeklyHandOffsStayAtEightOnTheLocalClock(String at, String primary, String secondary) {
        assertEquals(Optional.of(primary), WEEKLY.onCall("main", Position.PRIMARY, Instant.parse(at)).map(Person::id));
        assertEquals(Optional.of(secondary), WEEKLY.onCall("main", Position.SECONDARY, Instant.parse(at)).map(Person::id));
    }

    @Test
    void aShiftSpanningADaylightSavingChangeIsAnHourShorterOrLonger() {
        Rotation r = WEEKLY.rotation("techs").orElseThrow();
        long spring = r.shiftAt(Instant.parse("2026-03-05T00:00:00Z"));
        long fall = r.shiftAt(Instant.parse("2026-10-29T00:00:00Z"));

        assertEquals(Duration.ofHours(167), Duration.between(r.shiftStart(spring), r.shiftStart(spring + 1)));
        assertEquals(Duration.ofHours(169), Duration.between(r.shiftStart(fall), r.shiftStart(fall + 1)));
    }

    /** Daily at 02:30: on 2026-03-08 02:30 does not exist, so that hand-off happens when the clocks jump, 03:00 CDT. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2026-03-07T08:29:59Z, ann",   // 03-07 02:29:59 CST
        "2026-03-07T08:30:00Z, ben",   // 03-07 02:30 CST: an ordinary hand-off
        "2026-03-08T07:59:59Z, ben",   // 03-08 01:59:59 CST, the last second before the jump
        "2026-03-08T08:00:00Z, ann",   // 03-08 03:00 CDT: the first valid instant after 02:30
        "2026-03-09T07:29:59Z, ann",
        "2026-03-09T07:30:00Z, ben",   // 03-09 02:30 CDT
    })
    void aHandOffInTheSkippedHourHappensWhenTheClocksJump(String at, String expected) {
        RuleBook book = daily("2026-03-06", "02:30");
        assertEquals(Optional.of(expected), book.onCall("line", Position.PRIMARY, Instant.parse(at)).map(Person::id));
        assertEquals(Instant.parse("2026-03-08T08:00:00Z"), book.rotation("daily").orElseThrow().shiftStart(2));
    }

    /** Daily at 01:30: on 2026-11-01 01:30 happens twice; the hand-off is at the first, 01:30 CDT. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2026-11-01T06:29:59Z, ben",   // 01:29:59 CDT, first pass
        "2026-11-01T06:30:00Z, ann",   // 01:30 CDT: the hand-off
        "2026-11-01T07:30:00Z, ann",   // 01:30 CST, the second time the clock shows it: no second hand-off
        "2026-11-02T07:29:59Z, ann",   // so ann's shift is 25 hours long
        "2026-11-02T07:30:00Z, ben",   // 11-02 01:30 CST
    })
    void aHandOffInTheRepeatedHourHappensAtItsFirstOccurrence(String at, String expected) {
        RuleBook book = daily("2026-10-30", "01:30");
        assertEquals(Optional.of(expected), book.onCall("line", Position.PRIMARY, Instant.parse(at)).map(Person::id));
    }

    /**
     * Carol lives in London, the line in Chicago. Her hand-offs follow the rotation's clock (08:00 Chicago); on her
     * clock they move: 14:00 GMT, then 13:00 GMT while only the US has changed (2026-03-08 to 03-29), then 14:00 BST.
     */
    @ParameterizedTest(name = "hand-off {0} is {1} in London")
    @CsvSource({
        "2026-03-02T14:00:00Z, 14:00",
        "2026-03-09T13:00:00Z, 13:00",
        "2026-03-16T13:00:00Z, 13:00",
        "2026-03-30T13:00:00Z, 14:00",
    })
    void aPersonInAnotherZoneKeepsTheRotationsHandOffs(String handOff, String londonTime) {
        Person carol = new Person("carol", "Carol", java.util.Set.of(), List.of(new ContactPoint("m", "PJSIP/carol")),
                null, ZoneId.of("Europe/London"), true);
        RuleBook book = new Fixtures.Setup().people(carol)
                .rotation(new Rotation("solo", "solo", CHICAGO, LocalDate.of(2026, 1, 5), LocalTime.of(8, 0), 7,
                        List.of("carol"), 1))
                .policy(Fixtures.primaryOnly("p"))
                .line(Fixtures.line("line", "100", "solo", "p")).book();
        Rotation solo = book.rotation("solo").orElseThrow();
        Instant at = Instant.parse(handOff);

        assertEquals(at, solo.shiftStart(solo.shiftAt(at)), "a hand-off instant");
        assertEquals(LocalTime.of(8, 0), at.atZone(CHICAGO).toLocalTime());
        assertEquals(LocalTime.parse(londonTime), at.atZone(carol.zone()).toLocalTime());
        assertEquals(Optional.of(carol), book.onCall("line", Position.PRIMARY, at));
    }

    @Test
    void everyNDaysAndASecondaryFurtherAlong() {
        Rotation r = new Rotation("r", "r", CHICAGO, LocalDate.of(2026, 1, 1), LocalTime.of(9, 0), 3,
                List.of("a", "b", "c", "d"), 2);
        long k = r.shiftAt(Instant.parse("2026-01-07T15:00:00Z")); // 01-07 09:00 CST: the third shift starts

        assertEquals(2, k);
        assertEquals(Optional.of("c"), r.memberFor(k, Position.PRIMARY));
        assertEquals(Optional.of("a"), r.memberFor(k, Position.SECONDARY));
    }

    @Test
    void aRotationOfOneHasNoSecondary() {
        Rotation r = new Rotation("r", "r", CHICAGO, LocalDate.of(2026, 1, 1), LocalTime.of(9, 0), 7, List.of("a"), 1);

        assertEquals(Optional.of("a"), r.memberFor(5, Position.PRIMARY));
        assertEquals(Optional.empty(), r.memberFor(5, Position.SECONDARY));
    }

    private static RuleBook daily(String start, String handoff) {
        return new Fixtures.Setup().people(person("ann"), person("ben"))
                .rotation(new Rotation("daily", "daily", CHICAGO, LocalDate.parse(start), LocalTime.parse(handoff), 1,
                        List.of("ann", "ben"), 1))
                .policy(Fixtures.primaryOnly("p"))
                .line(Fixtures.line("line", "100", "daily", "p")).book();
    }
}
