package org.afterhours.calllog;

import java.time.Instant;

/**
 * What the call log page asks for. Null means "any". {@code mine} is a person id: calls that person accepted or was
 * rung for.
 */
public record CallFilter(Instant from, Instant until, String lineId, String triage, String outcome,
        boolean incompleteOnly, String mine) {

    public static CallFilter any() {
        return new CallFilter(null, null, null, null, null, false, null);
    }
}
