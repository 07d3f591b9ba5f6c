package org.afterhours.oncall;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The helpdesk is open on {@code day} from {@code opens} (inclusive) to {@code closes} (exclusive), in the
 * line's zone. {@code closes} of 00:00 means midnight at the end of the day, so "until midnight" needs no
 * special value; a period never spans two days (write two periods instead).
 */
public record OpeningPeriod(DayOfWeek day, LocalTime opens, LocalTime closes) {
    public OpeningPeriod {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
    }

    public boolean untilMidnight() {
        return closes.equals(LocalTime.MIDNIGHT);
    }

    /** Whether the period is well formed: it opens before it closes. */
    public boolean isValid() {
        return untilMidnight() || opens.isBefore(closes);
    }

    public boolean contains(DayOfWeek d, LocalTime t) {
        return d == day && !t.isBefore(opens) && (untilMidnight() || t.isBefore(closes));
    }

    public boolean overlaps(OpeningPeriod other) {
        if (other.day != day) {
            return false;
        }
        boolean thisEndsAfterOtherOpens = untilMidnight() || other.opens.isBefore(closes);
        boolean otherEndsAfterThisOpens = other.untilMidnight() || opens.isBefore(other.closes);
        return thisEndsAfterOtherOpens && otherEndsAfterThisOpens;
    }
}
