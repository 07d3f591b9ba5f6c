package org.afterhours.followup;

import java.time.Duration;
import org.afterhours.retry.Backoff;

/**
 * How a node works through due items.
 *
 * @param interval    pause between two looks at the table when nothing woke the poller
 * @param lease       how long a claim holds; a node that has not reported back by then is presumed dead
 * @param batch       items claimed at once
 * @param maxAttempts claims before an item fails for good
 * @param firstRetry  pause after the first failure; doubled after each further one, up to {@code lastRetry}
 */
public record PollerSettings(Duration interval, Duration lease, int batch, int maxAttempts, Duration firstRetry,
                             Duration lastRetry) {
    public static final PollerSettings DEFAULTS = new PollerSettings(Duration.ofSeconds(5), Duration.ofMinutes(5), 50,
            10, Duration.ofMinutes(1), Duration.ofMinutes(30));

    public PollerSettings {
        if (batch < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batch and maxAttempts must be at least 1");
        }
        new Backoff(firstRetry, lastRetry); // checked now rather than at the first failure
    }

    /** The pause after the {@code attempts}-th failure. */
    Duration retryAfter(int attempts) {
        return new Backoff(firstRetry, lastRetry).afterFailures(attempts);
    }
}
