package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.afterhours.oncall.PayWeek;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pay form's week, table-style with fixed instants (Chicago: CST is UTC-6, CDT UTC-5). */
@Tag("clock")
class PayWeekTotalsTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void a_week_runs_monday_eight_to_monday_eight_on_the_lines_wall_clock() {
        PayWeek.Week week = PayWeek.Week.starting(LocalDate.of(2031, 1, 6), CHICAGO);
        assertEquals(Instant.parse("2031-01-06T14:00:00Z"), week.from());
        assertEquals(Instant.parse("2031-01-13T14:00:00Z"), week.until());
    }

    @Test
    void the_week_with_the_spring_change_has_167_hours() {
        PayWeek.Week week = PayWeek.Week.starting(LocalDate.of(2031, 3, 3), CHICAGO);
        assertEquals(Duration.ofHours(167), Duration.between(week.from(), week.until()));
    }

    @Test
    void the_default_week_is_the_last_one_ended() {
        assertEquals(LocalDate.of(2031, 1, 6), PayWeek.Week.lastEndedBy(Instant.parse("2031-01-13T15:00:00Z"),
                CHICAGO).monday(), "Monday 09:00: the week that ended at 08:00");
        assertEquals(LocalDate.of(2030, 12, 30), PayWeek.Week.lastEndedBy(Instant.parse("2031-01-13T13:00:00Z"),
                CHICAGO).monday(), "Monday 07:00: that week has an hour to go");
        assertEquals(LocalDate.of(2031, 1, 6), PayWeek.Week.lastEndedBy(Instant.parse("2031-01-13T14:00:00Z"),
                CHICAGO).monday(), "Monday 08:00 sharp: it has just ended");
    }

    @Test
    void csv_cells_are_quoted_and_formulas_kept_as_text() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a, b\"", Csv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(\"x\")".replace("\"", "\"\""), Csv.cell("=HYPERLINK(\"x\")").substring(1,
                Csv.cell("=HYPERLINK(\"x\")").length() - 1));
        assertEquals("'+19135550100", Csv.cell("+19135550100"));
    }
}
