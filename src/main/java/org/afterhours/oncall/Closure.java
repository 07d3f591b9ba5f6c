package org.afterhours.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A one-off time the helpdesk is closed (an office move, a half day on Christmas Eve): from {@code from}
 * (inclusive) until {@code until} (exclusive), wall-clock times in the line's zone (see {@link WallClock}).
 */
public record Closure(String reason, LocalDateTime from, LocalDateTime until) {
    public Closure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
    }

    public boolean covers(Instant at, ZoneId zone) {
        return HalfOpen.contains(WallClock.toInstant(from, zone), WallClock.toInstant(until, zone), at);
    }
}
