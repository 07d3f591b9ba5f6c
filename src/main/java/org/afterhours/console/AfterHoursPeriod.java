package org.afterhours.console;

import java.time.Duration;
import java.time.Instant;
import org.afterhours.oncall.RuleBook;

/**
 * The after-hours period a moment belongs to: from when the line's helpdesk last closed to when it opens again.
 * When the helpdesk is open at that moment, the last period that ended before it (this morning's night). Found
 * by stepping through the rule book's hours a quarter-hour at a time, at most a week back (opening hours and
 * closures are assumed to change on quarter hours).
 */
record AfterHoursPeriod(Instant from, Instant until, boolean current) {
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final Duration LONGEST = Duration.ofDays(7);

    static AfterHoursPeriod containing(RuleBook book, String lineId, Instant at) {
        Instant limit = at.minus(LONGEST);
        // On the quarter-hour grid, where opening hours and closures change (so the edges found are exact).
        Instant probe = Instant.ofEpochSecond(at.getEpochSecond() - Math.floorMod(at.getEpochSecond(),
                STEP.toSeconds()));
        boolean current = !book.isOpen(lineId, at);
        Instant until = null;
        if (!current) {
            while (probe.isAfter(limit) && book.isOpen(lineId, probe)) {
                probe = probe.minus(STEP);
            }
            until = probe.plus(STEP);
        }
        while (probe.isAfter(limit) && !book.isOpen(lineId, probe)) {
            probe = probe.minus(STEP);
        }
        return new AfterHoursPeriod(probe.isAfter(limit) ? probe.plus(STEP) : limit, until, current);
    }
}
