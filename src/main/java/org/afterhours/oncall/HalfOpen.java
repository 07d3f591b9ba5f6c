package org.afterhours.oncall;

import java.time.Instant;

/** The one reading of a time range in this package: start inclusive, end exclusive. */
final class HalfOpen {
    private HalfOpen() {
    }

    static boolean contains(Instant from, Instant until, Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
