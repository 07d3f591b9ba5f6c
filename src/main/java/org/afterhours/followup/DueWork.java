package org.afterhours.followup;

import java.time.Instant;
import java.util.Objects;
import org.afterhours.calllog.ReferenceNumber;

/**
 * One deadline: {@code (reference, kind, step)} names it, so scheduling it twice (a replayed journal) is harmless.
 *
 * @param id       the row's id once stored; 0 for an item not yet scheduled
 * @param attempts how many times a node has claimed it, this claim included
 */
public record DueWork(long id, ReferenceNumber reference, DueKind kind, int step, Instant dueAt, int attempts) {
    public DueWork {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        if (step < 0) {
            throw new IllegalArgumentException("step must be 0 or more, not " + step);
        }
    }

    /** A deadline to schedule. */
    public static DueWork at(ReferenceNumber reference, DueKind kind, int step, Instant dueAt) {
        return new DueWork(0, reference, kind, step, dueAt, 0);
    }

    @Override
    public String toString() {
        return kind + (step > 0 ? " step " + step : "") + " of " + reference + " due " + dueAt;
    }
}
