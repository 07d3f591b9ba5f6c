package org.afterhours.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every retry of the product waits the same way: the first pause, doubled after each failure, capped. */
class BackoffTest {
    private final Backoff oneToThirty = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @ParameterizedTest(name = "after {0} failures: {1} s")
    @CsvSource({"1, 1", "2, 2", "3, 4", "5, 16", "6, 30", "7, 30", "1000000, 30", "0, 1"})
    void the_pause_doubles_with_each_failure_up_to_the_longest(int failures, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), oneToThirty.afterFailures(failures));
    }

    @Test
    void the_pause_after_another_is_doubled_and_capped() {
        assertEquals(Duration.ofSeconds(8), oneToThirty.after(Duration.ofSeconds(4)));
        assertEquals(Duration.ofSeconds(30), oneToThirty.after(Duration.ofSeconds(16)));
        assertEquals(Duration.ofSeconds(30), oneToThirty.after(Duration.ofSeconds(30)));
    }

    @Test
    void a_pause_that_is_not_positive_or_a_cap_below_the_first_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
