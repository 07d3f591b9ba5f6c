package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.RuleBook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Default hours, Monday to Friday 08:00 to 17:00 Chicago (CST, UTC-6). */
@Tag("clock")
class AfterHoursPeriodTest {
    private final RuleBook book = new Fixtures.Setup().people(Fixtures.person("alice"))
            .rotation(Fixtures.weekly("techs", "alice")).policy(Fixtures.primaryOnly("p"))
            .line(Fixtures.line("main", "+1 913 555 0100", "techs", "p")).book();

    @Test
    void at_night_the_period_began_when_the_helpdesk_closed() {
        AfterHoursPeriod tuesdayNight = AfterHoursPeriod.containing(book, "main",
                Instant.parse("2031-01-08T04:41:07Z"));
        assertTrue(tuesdayNight.current());
        assertEquals(Instant.parse("2031-01-07T23:00:00Z"), tuesdayNight.from(), "Tuesday 17:00");
    }

    @Test
    void in_business_hours_it_is_last_night_from_close_to_open() {
        AfterHoursPeriod monday = AfterHoursPeriod.containing(book, "main", Instant.parse("2031-01-13T15:00:00Z"));
        assertFalse(monday.current());
        assertEquals(Instant.parse("2031-01-10T23:00:00Z"), monday.from(), "Friday 17:00");
        assertEquals(Instant.parse("2031-01-13T14:00:00Z"), monday.until(), "Monday 08:00");
    }
}
