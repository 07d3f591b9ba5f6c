package org.afterhours.oncall;

import java.time.Instant;
import java.util.Objects;

/**
 * For {@code [from, until)} (start inclusive, end exclusive) the {@code position} of a rotation is held by
 * {@code personId}: a swap, a cover, a vacation. With {@code replacesPersonId} set it applies only while that
 * person would otherwise hold the position ("Carol covers Alice's shifts while Alice is away"), so it does
 * not spill onto the next person's shift. When overrides overlap, the one created last wins.
 *
 * @param replacesPersonId only replace this person, or null to replace whoever holds the position
 * @param created when it was agreed; decides between overlapping overrides
 * @param note free text for humans, may be null
 */
public record OnCallOverride(String id, String rotationId, Position position, String personId, String replacesPersonId,
        Instant from, Instant until, Instant created, String note) {
    public OnCallOverride {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rotationId, "rotationId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(created, "created");
    }

    public boolean covers(Instant at) {
        return HalfOpen.contains(from, until, at);
    }
}
