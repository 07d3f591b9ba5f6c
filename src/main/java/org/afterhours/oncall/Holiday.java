package org.afterhours.oncall;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A yearly day the helpdesk is closed all day, and the weekday it is observed on when it falls on a weekend. */
public record Holiday(String name, HolidayDate date, Observance observance) {
    public Holiday {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(observance, "observance");
    }

    /**
     * Why {@code day} is closed for this holiday ({@code "Christmas Day"}, {@code "Christmas Day (observed)"}),
     * or empty. Looks at the neighbouring years too: New Year's Day 2028 is a Saturday, observed on Friday
     * 2027-12-31.
     */
    public Optional<String> closes(LocalDate day) {
        for (int year = day.getYear() - 1; year <= day.getYear() + 1; year++) {
            Optional<LocalDate> actual = date.in(year);
            if (actual.isEmpty()) {
                continue;
            }
            if (actual.get().equals(day)) {
                return Optional.of(name);
            }
            if (observance.observed(actual.get()).equals(day)) {
                return Optional.of(name + " (observed)");
            }
        }
        return Optional.empty();
    }
}
