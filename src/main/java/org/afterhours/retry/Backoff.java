package org.afterhours.retry;

import java.time.Duration;

/**
 * How long to wait before trying again: {@code first} after the first failure, doubled after each further one, never
 * more than {@code max}. One value for every retry loop of the product (the journal writer, the embedded database's
 * supervisor, the AMI reconnect, a hang-up sent again, the due-work poller, webhooks, closing cut-off calls), so they
 * all grow the same way and none overflows.
 */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        if (first == null || max == null || !first.isPositive() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs a positive first pause and a longest pause at least"
                    + " as long, not " + first + " and " + max);
        }
    }

    /** The pause after {@code failures} failures in a row (1: {@link #first()}). */
    public Duration afterFailures(int failures) {
        Duration pause = first;
        for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }

    /** The pause after {@code previous}: doubled, at most {@link #max()}. */
    public Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
