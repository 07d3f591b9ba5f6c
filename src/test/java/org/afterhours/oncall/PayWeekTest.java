package org.afterhours.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who held each position hour by hour, over a week of the line's wall clock (the pay form's raw material). */
@Tag("clock")
class PayWeekTest {

    private static final RuleBook BOOK = Fixtures.procedure()
            // erin covers primary from 08:30 to 10:00 on Monday 2026-03-09 (CDT: 13:30Z to 15:00Z)
            .override(Fixtures.override("late", Position.PRIMARY, "erin", null,
                    "2026-03-09T13:30:00Z", "2026-03-09T15:00:00Z", "2026-03-01T00:00:00Z"))
            .book();

    @ParameterizedTest(name = "week from {0}: {1} hours")
    @CsvSource({
        "2026-02-23, 168", // an ordinary week
        "2026-03-02, 167", // its Sunday 03-08 the clocks spring forward
        "2026-03-08, 167", // starting on that Sunday
        "2026-10-26, 169", // its Sunday 11-01 the clocks fall back
    })
    void aWeekHasAsManyHoursAsTheWallClockGives(LocalDate firstDay, int hours) {
        assertEquals(hours, PayWeek.hourByHour(BOOK, "main", firstDay).size());
    }

    @Test
    void theHoursAroundAHandOffAndAnOverride() {
        List<HourOnCall> week = PayWeek.hourByHour(BOOK, "main", LocalDate.of(2026, 3, 9));

        // Monday 2026-03-09: carol's week ends at 08:00; alice's starts; erin covers 08:30-10:00
        assertEquals("07:00 carol 60 | alice 60", describe(week.get(7)));
        assertEquals("08:00 alice 30, erin 30 | bob 60", describe(week.get(8)));
        assertEquals("09:00 erin 60 | bob 60", describe(week.get(9)));
        assertEquals("10:00 alice 60 | bob 60", describe(week.get(10)));
        assertEquals(7 * 24, week.size());
    }

    private static String describe(HourOnCall hour) {
        return hour.start().toLocalTime() + " " + held(hour.primary()) + " | " + held(hour.secondary());
    }

    private static String held(List<HourOnCall.Holding> holdings) {
        return holdings.stream().map(h -> h.person().map(Person::id).orElse("nobody") + " " + h.duration().toMinutes())
                .collect(Collectors.joining(", "));
    }
}
