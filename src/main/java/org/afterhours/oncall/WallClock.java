package org.afterhours.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns a wall-clock time in a zone into an instant, the one way every hand-off, closure and local
 * override time is turned: people write local times, and on the two nights a year the clocks change a
 * local time names no instant or two of them.
 *
 * <ul>
 *   <li>In the skipped hour (spring forward: 02:30 does not exist in Chicago on 2026-03-08) the time
 *       means the first valid instant after it, the moment the clocks jump (03:00 CDT), not Java's
 *       default of moving it by the gap's length (03:30).
 *   <li>In the repeated hour (fall back: 01:30 happens twice on 2026-11-01) it means the first
 *       occurrence (01:30 CDT, the earlier instant).
 * </ul>
 */
public final class WallClock {
    private WallClock() {
    }

    public static Instant toInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        Instant first = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (candidate.isBefore(first)) {
                first = candidate;
            }
        }
        return first;
    }
}
