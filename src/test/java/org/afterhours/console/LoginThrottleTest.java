package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("clock")
class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2031-01-13T15:00:00Z");

    @Test
    void each_failure_doubles_the_wait_up_to_eight_seconds() {
        LoginThrottle throttle = new LoginThrottle(Clock.fixed(T0, ZoneOffset.UTC));
        assertEquals(Duration.ZERO, throttle.delayFor("alice", "10.0.0.1"));
        long[] expected = {250, 500, 1000, 2000, 4000, 8000, 8000};
        for (long millis : expected) {
            throttle.failed("alice", "10.0.0.1");
            assertEquals(Duration.ofMillis(millis), throttle.delayFor("alice", "10.0.0.1"));
        }
    }

    @Test
    void failures_count_for_the_person_from_any_address_and_for_the_address_for_any_person() {
        LoginThrottle throttle = new LoginThrottle(Clock.fixed(T0, ZoneOffset.UTC));
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertEquals(Duration.ofMillis(500), throttle.delayFor("alice", "10.0.0.2"));
        assertEquals(Duration.ofMillis(500), throttle.delayFor("bob", "10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.delayFor("bob", "10.0.0.2"));
    }

    @Test
    void a_success_or_a_quiet_quarter_hour_forgets_the_failures() {
        MutableClock clock = new MutableClock(T0);
        LoginThrottle throttle = new LoginThrottle(clock);
        throttle.failed("alice", "10.0.0.1");
        throttle.succeeded("alice", "10.0.0.1");
        assertEquals(Duration.ZERO, throttle.delayFor("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        clock.now = T0.plus(Duration.ofMinutes(16));
        assertEquals(Duration.ZERO, throttle.delayFor("alice", "10.0.0.1"));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
