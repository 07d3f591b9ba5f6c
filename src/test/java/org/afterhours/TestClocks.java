package org.afterhours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Clocks for tests that run the product at an instant of their choosing, whatever the machine's date. */
public final class TestClocks {
    private TestClocks() {
    }

    /**
     * A UTC clock that reads {@code start} now and then moves at the machine's pace: the day, hour and zone are the
     * test's, while ring timeouts, holds and journal flushes still elapse as they do in production.
     */
    public static Clock startingAt(Instant start) {
        Clock machine = Clock.systemUTC();
        return Clock.offset(machine, Duration.between(machine.instant(), start));
    }
}
