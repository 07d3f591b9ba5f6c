package org.afterhours.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A hand-made schedule that replaces a rotation for a while, typically a holiday week: during
 * {@code [from, until)} the rotation's turns do not count, only these shifts do, and a time no shift
 * covers has nobody (a coverage gap). Overrides still apply on top.
 */
public record TemporarySchedule(String id, String rotationId, Instant from, Instant until, List<Shift> shifts) {
    public TemporarySchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rotationId, "rotationId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        shifts = List.copyOf(shifts);
    }

    /** {@code personId} holds {@code position} during {@code [from, until)}. */
    public record Shift(Position position, String personId, Instant from, Instant until) {
        public Shift {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
        }

        public boolean covers(Instant at) {
            return HalfOpen.contains(from, until, at);
        }
    }

    public boolean covers(Instant at) {
        return HalfOpen.contains(from, until, at);
    }
}
