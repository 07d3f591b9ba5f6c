package org.afterhours.bench;

import java.time.Duration;

/**
 * How the generator plays Asterisk in one scenario.
 *
 * @param concurrency  calls in progress at once (each a TCP connection, as res_agi makes one per call)
 * @param rampUp       time over which the first {@code concurrency} calls are placed, evenly
 * @param thinkTime    delay before each reply (the caller listening to prompts)
 * @param holdTime     delay before the reply to WAIT FOR DIGIT (the caller deciding), instead of the think time
 * @param repeat       whether a finished call's slot places the next call at once (closed loop), or stays empty
 * @param retryDelay   in a closed loop, how long a slot waits after a call that did not complete (refused, dropped)
 */
record LoadProfile(int concurrency, Duration rampUp, Duration thinkTime, Duration holdTime, boolean repeat,
                   Duration retryDelay) {
}
