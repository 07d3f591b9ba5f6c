package org.afterhours.oncall;

import static org.afterhours.oncall.Fixtures.CHICAGO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Line "main": Mon-Fri 08:00-17:00 Chicago, the sample's US holidays, closed 2026-12-24 from 12:00 to 17:00. */
@Tag("clock")
class BusinessHoursTest {

    static final HolidayCalendar US = new HolidayCalendar("us", "US", List.of(
            new Holiday("New Year's Day", HolidayDate.parse("01-01"), Observance.NEAREST_WEEKDAY),
            new Holiday("Memorial Day", HolidayDate.parse("last Monday of May"), Observance.NEAREST_WEEKDAY),
            new Holiday("Independence Day", HolidayDate.parse("07-04"), Observance.NEAREST_WEEKDAY),
            new Holiday("Labor Day", HolidayDate.parse("first Monday of September"), Observance.NEAREST_WEEKDAY),
            new Holiday("Thanksgiving", HolidayDate.parse("fourth Thursday of November"), Observance.NEAREST_WEEKDAY),
            new Holiday("Christmas Day", HolidayDate.parse("12-25"), Observance.NEAREST_WEEKDAY)));

    private static final RuleBook BOOK = book(US);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // an ordinary Monday: start inclusive, end exclusive
        "2026-11-23T07:59:59 | outside business hours",
        "2026-11-23T08:00    | business hours",
        "2026-11-23T16:59:59 | business hours",
        "2026-11-23T17:00    | outside business hours",
        "2026-11-21T10:00    | outside business hours",          // Saturday
        // Thanksgiving makes a Thursday after hours from midnight to midnight
        "2026-11-25T16:59    | business hours",
        "2026-11-26T00:00    | holiday Thanksgiving",
        "2026-11-26T08:00    | holiday Thanksgiving",
        "2026-11-26T12:00    | holiday Thanksgiving",
        "2026-11-26T16:59    | holiday Thanksgiving",
        "2026-11-27T08:00    | business hours",                  // the day after is a working day here
        // weekend holidays: Saturday is observed on Friday, Sunday on Monday
        "2026-07-03T10:00    | holiday Independence Day (observed)", // 07-04-2026 is a Saturday
        "2026-07-04T10:00    | holiday Independence Day",
        "2026-07-06T10:00    | business hours",
        "2027-07-05T10:00    | holiday Independence Day (observed)", // 07-04-2027 is a Sunday
        "2027-07-02T10:00    | business hours",
        "2027-12-24T10:00    | holiday Christmas Day (observed)",    // 12-25-2027 is a Saturday
        "2027-12-31T10:00    | holiday New Year's Day (observed)",   // 01-01-2028 is a Saturday: observed in 2027
        "2026-12-25T10:00    | holiday Christmas Day",               // a Friday: itself
        // rules
        "2026-05-25T10:00    | holiday Memorial Day",
        "2026-05-18T10:00    | business hours",
        "2026-09-07T10:00    | holiday Labor Day",
        // a one-off closure: 12:00 inclusive
        "2026-12-24T11:59:59 | business hours",
        "2026-12-24T12:00    | closure Christmas Eve half day",
        "2026-12-24T16:59    | closure Christmas Eve half day",
        // the Monday after the clocks sprang forward: 08:00 CDT
        "2026-03-09T07:59    | outside business hours",
        "2026-03-09T08:00    | business hours",
    })
    void openOrClosedAndWhy(String chicagoTime, String expected) {
        Instant at = WallClock.toInstant(LocalDateTime.parse(chicagoTime), CHICAGO);

        OpenStatus status = BOOK.openStatus("main", at);

        assertEquals(expected, status.reason());
        assertEquals(expected.equals("business hours"), status.open());
        assertEquals(status.open(), BOOK.isOpen("main", at));
    }

    @ParameterizedTest(name = "Thanksgiving {0} is {1}")
    @CsvSource({"2026, 2026-11-26", "2027, 2027-11-25", "2028, 2028-11-23", "2029, 2029-11-22", "2030, 2030-11-28"})
    void thanksgivingIsTheFourthThursdayOfNovember(int year, LocalDate expected) {
        assertEquals(Optional.of(expected), HolidayDate.parse("fourth Thursday of November").in(year));

        assertFalse(BOOK.isOpen("main", WallClock.toInstant(expected.atTime(10, 0), CHICAGO)), "closed all day");
        assertTrue(BOOK.isOpen("main", WallClock.toInstant(expected.minusDays(1).atTime(10, 0), CHICAGO)), "the day before");
    }

    @ParameterizedTest(name = "{0} on {1}, observed {2}: closed on {3}")
    @CsvSource({
        "07-04, NEAREST_WEEKDAY, 2026, 2026-07-03",   // Saturday → Friday
        "07-04, NEAREST_WEEKDAY, 2027, 2027-07-05",   // Sunday → Monday
        "07-04, NEXT_WEEKDAY,    2026, 2026-07-06",   // Saturday → Monday
        "07-04, NEXT_WEEKDAY,    2027, 2027-07-05",   // Sunday → Monday
        "07-04, NONE,            2026, 2026-07-04",   // only the Saturday itself
    })
    void theObservedDayIsChosenPerHoliday(String date, Observance observance, int year, LocalDate closedWeekday) {
        Holiday holiday = new Holiday("Independence Day", HolidayDate.parse(date), observance);

        assertTrue(holiday.closes(closedWeekday).isPresent());
        assertTrue(holiday.closes(LocalDate.of(year, 7, 4)).isPresent(), "the date itself is always closed");
        LocalDate friday = LocalDate.of(year, 7, 4).with(java.time.DayOfWeek.FRIDAY);
        if (!friday.equals(closedWeekday)) {
            assertEquals(Optional.empty(), holiday.closes(friday), "no other weekday is closed");
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "12-25                      | 12-25",
        "7-4                        | 07-04",
        "fourth Thursday of November | fourth Thursday of November",
        "LAST monday OF may         | last Monday of May",
        "first Monday of September  | first Monday of September",
    })
    void holidayDatesReadAndWriteTheirText(String text, String canonical) {
        assertEquals(canonical, HolidayDate.parse(text).text());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"13-01", "02-30", "fifth Monday of May", "fourth Thursday of Novembre", "Thanksgiving", "2026-12-25"})
    void nonsenseHolidayDatesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> HolidayDate.parse(text));
    }

    @Test
    void theTwentyNinthOfFebruaryOnlyExistsInLeapYears() {
        HolidayDate leapDay = new HolidayDate.Fixed(MonthDay.of(2, 29));

        assertEquals(Optional.of(LocalDate.of(2028, 2, 29)), leapDay.in(2028));
        assertEquals(Optional.empty(), leapDay.in(2027));
    }

    @Test
    void aLineWithoutOpeningHoursIsAlwaysAfterHours() {
        Line hotline = new Line("county", "County", List.of("866-435-7684"), CHICAGO, null, List.of(),
                DaytimeRouting.MESSAGE_AND_VOICEMAIL, "default", "techs", null, List.of(), null);
        RuleBook book = Fixtures.procedure().line(hotline).book();

        assertFalse(book.isOpen("county", Instant.parse("2026-11-23T16:00:00Z")), "Monday 10:00 Chicago");
    }

    @Test
    void anUnknownLineIsClosedWithNobodyOnCall() {
        assertFalse(BOOK.isOpen("nope", Instant.parse("2026-11-23T16:00:00Z")));
        assertEquals(Optional.empty(), BOOK.onCall("nope", Position.PRIMARY, Instant.parse("2026-11-23T16:00:00Z")));
    }

    @Test
    void hoursUntilMidnightAndOpeningsOnTheWeekend() {
        Line late = new Line("late", "late", List.of("555-0100"), CHICAGO, null, List.of(
                new OpeningPeriod(java.time.DayOfWeek.SATURDAY, java.time.LocalTime.of(18, 0), java.time.LocalTime.MIDNIGHT)),
                DaytimeRouting.MESSAGE_AND_VOICEMAIL, "default", "techs", null, List.of(), null);
        RuleBook book = Fixtures.procedure().line(late).book();

        assertTrue(book.isOpen("late", WallClock.toInstant(LocalDateTime.parse("2026-11-21T23:59:59"), CHICAGO)));
        assertFalse(book.isOpen("late", WallClock.toInstant(LocalDateTime.parse("2026-11-22T00:00"), CHICAGO)));
        assertFalse(book.isOpen("late", WallClock.toInstant(LocalDateTime.parse("2026-11-21T17:59"), CHICAGO)));
    }

    private static RuleBook book(HolidayCalendar calendar) {
        Line main = new Line("main", "main", List.of("913-201-6503"), CHICAGO, new Helpdesk("(913) 322-4666", null, null),
                Line.DEFAULT_HOURS, DaytimeRouting.TRANSFER, "default", "techs", calendar.id(),
                List.of(new Closure("Christmas Eve half day", LocalDateTime.parse("2026-12-24T12:00"),
                        LocalDateTime.parse("2026-12-24T17:00"))), null);
        Fixtures.Setup setup = Fixtures.procedure().calendar(calendar);
        setup.lines.clear();
        return setup.line(main).book();
    }
}
