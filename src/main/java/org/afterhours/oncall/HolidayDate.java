package org.afterhours.oncall;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which date a yearly holiday falls on in a given year: a fixed month and day, or a weekday rule. */
public sealed interface HolidayDate {

    /** The date in {@code year}; empty when there is none (29 February in a common year). */
    Optional<LocalDate> in(int year);

    /** The text form used in files: {@code 12-25}, {@code fourth Thursday of November}, {@code last Monday of May}. */
    String text();

    /** Every year on this month and day, e.g. 25 December. */
    record Fixed(MonthDay monthDay) implements HolidayDate {
        @Override
        public Optional<LocalDate> in(int year) {
            return monthDay.isValidYear(year) ? Optional.of(monthDay.atYear(year)) : Optional.empty();
        }

        @Override
        public String text() {
            return String.format("%02d-%02d", monthDay.getMonthValue(), monthDay.getDayOfMonth());
        }
    }

    /** The n-th (1 to 4) weekday of a month, e.g. the fourth Thursday of November. */
    record NthWeekday(int nth, DayOfWeek day, Month month) implements HolidayDate {
        public NthWeekday {
            if (nth < 1 || nth > 4) {
                // A fifth weekday does not exist every year; "last" says what is meant.
                throw new IllegalArgumentException("nth must be 1 to 4 (use 'last' for the last one), was " + nth);
            }
        }

        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(nth, day)));
        }

        @Override
        public String text() {
            return ORDINALS.get(nth - 1) + " " + name(day) + " of " + name(month);
        }
    }

    /** The last weekday of a month, e.g. the last Monday of May. */
    record LastWeekday(DayOfWeek day, Month month) implements HolidayDate {
        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(day)));
        }

        @Override
        public String text() {
            return "last " + name(day) + " of " + name(month);
        }
    }

    List<String> ORDINALS = List.of("first", "second", "third", "fourth");

    /**
     * Reads the text form: {@code MM-DD} or {@code <first|second|third|fourth|last> <weekday> of <month>}
     * (case-insensitive, full English names).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static HolidayDate parse(String text) {
        String t = text.trim();
        Matcher fixed = Pattern.compile("(\\d{1,2})-(\\d{1,2})").matcher(t);
        if (fixed.matches()) {
            try {
                return new Fixed(MonthDay.of(Integer.parseInt(fixed.group(1)), Integer.parseInt(fixed.group(2))));
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a month and day (MM-DD)");
            }
        }
        Matcher rule = Pattern.compile("(?i)(first|second|third|fourth|last)\\s+(\\w+)\\s+of\\s+(\\w+)").matcher(t);
        if (!rule.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is neither MM-DD nor a rule such as 'fourth Thursday of November' or 'last Monday of May'");
        }
        DayOfWeek day;
        Month month;
        try {
            day = DayOfWeek.valueOf(rule.group(2).toUpperCase(Locale.ROOT));
            month = Month.valueOf(rule.group(3).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': weekday and month must be full English names");
        }
        String ordinal = rule.group(1).toLowerCase(Locale.ROOT);
        return ordinal.equals("last") ? new LastWeekday(day, month) : new NthWeekday(ORDINALS.indexOf(ordinal) + 1, day, month);
    }

    private static String name(java.time.temporal.TemporalAccessor unit) {
        return unit instanceof DayOfWeek d ? d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                : ((Month) unit).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
