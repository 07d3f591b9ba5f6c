package org.afterhours.oncall;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Who held each position during one clock hour (for the weekly pay form). An hour with a hand-off or an
 * override edge inside it lists each holder with the time they held it; nobody is listed as an empty person.
 */
public record HourOnCall(ZonedDateTime start, List<Holding> primary, List<Holding> secondary) {
    public HourOnCall {
        primary = List.copyOf(primary);
        secondary = List.copyOf(secondary);
    }

    public record Holding(Optional<Person> person, Duration duration) {
    }
}
