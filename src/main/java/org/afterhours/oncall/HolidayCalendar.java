package org.afterhours.oncall;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A named list of holidays that several lines can share. */
public record HolidayCalendar(String id, String name, List<Holiday> holidays) {
    public HolidayCalendar {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        holidays = List.copyOf(holidays);
    }

    /** The holiday that closes {@code day}, as text, or empty on an ordinary day. */
    public Optional<String> closes(LocalDate day) {
        for (Holiday holiday : holidays) {
            Optional<String> why = holiday.closes(day);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}
