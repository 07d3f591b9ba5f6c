package org.afterhours.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after each failed login for the same person or from the same address the answer to the
 * next attempt waits longer (doubling from 250 ms up to 8 s); a success, or 15 quiet minutes, forgets the failures.
 * The wait is on a timer, never on a thread.
 */
final class LoginThrottle {
    private static final Duration FIRST = Duration.ofMillis(250);
    private static final Duration LONGEST = Duration.ofSeconds(8);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MOST_KEYS = 10_000;

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the answer to a login attempt for {@code personId} from {@code address} is held back. */
    Duration delayFor(String personId, String address) {
        int count = Math.max(count("person:" + personId), count("address:" + address));
        if (count == 0) {
            return Duration.ZERO;
        }
        Duration delay = FIRST.multipliedBy(1L << Math.min(count - 1, 10));
        return delay.compareTo(LONGEST) > 0 ? LONGEST : delay;
    }

    void failed(String personId, String address) {
        if (failures.size() > MOST_KEYS) {
            failures.clear(); // a flood of made-up names must not grow memory without bound
        }
        Instant now = clock.instant();
        for (String key : new String[] {"person:" + personId, "address:" + address}) {
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    void succeeded(String personId, String address) {
        failures.remove("person:" + personId);
        failures.remove("address:" + address);
    }

    private int count(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return 0;
        }
        return f.last().plus(FORGET_AFTER).isBefore(clock.instant()) ? 0 : f.count();
    }
}
