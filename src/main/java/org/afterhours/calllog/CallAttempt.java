package org.afterhours.calllog;

import java.time.Instant;

/** One ring of one contact point for a call; {@code endedAt} null while it rings or talks. */
public record CallAttempt(String reference, String legId, String personId, String personName, String contactLabel,
        Integer round, Integer step, String target, Instant startedAt, Instant answeredAt, Instant endedAt,
        String outcome, String keyPressed) {
}
