package org.afterhours.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Members take turns in order; each turn (a shift) lasts {@code shiftDays} days and hands off at
 * {@code handoffTime} on the wall clock of {@code zone}. Shift 0 starts on {@code startDate} with the
 * first member as primary; the rotation is cyclic, so it is defined before the start date too.
 *
 * <p>The secondary (second-call) of a shift is the member {@code secondaryOffset} places after the primary,
 * by default the next one: next week's on-call tech backs up this week's. With one member, or an offset
 * that lands on the primary, there is no secondary.
 *
 * <p>Hand-offs follow the wall clock across daylight-saving changes: a weekly Monday 08:00 hand-off is at
 * 08:00 local on every Monday, so a shift that spans a change is an hour shorter or longer. A hand-off
 * time inside the skipped hour happens when the clocks jump; inside the repeated hour, at its first
 * occurrence ({@link WallClock}).
 */
public record Rotation(String id, String name, ZoneId zone, LocalDate startDate, LocalTime handoffTime,
        int shiftDays, List<String> memberIds, int secondaryOffset) {

    public static final LocalTime DEFAULT_HANDOFF = LocalTime.of(8, 0);
    public static final int WEEKLY = 7;

    public Rotation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(handoffTime, "handoffTime");
        memberIds = List.copyOf(memberIds);
    }

    /** When shift {@code k} starts (k may be negative: before the start date). */
    public Instant shiftStart(long k) {
        LocalDateTime local = startDate.plusDays(Math.multiplyExact(k, (long) shiftDays)).atTime(handoffTime);
        return WallClock.toInstant(local, zone);
    }

    /** The shift that is running at {@code at}: the k with shiftStart(k) <= at < shiftStart(k + 1). */
    public long shiftAt(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long days = ChronoUnit.DAYS.between(startDate, local.toLocalDate());
        if (local.toLocalTime().isBefore(handoffTime)) {
            days--;
        }
        long k = Math.floorDiv(days, shiftDays);
        // The estimate can be one off around a daylight-saving change; the instants decide.
        while (!at.isBefore(shiftStart(k + 1))) {
            k++;
        }
        while (at.isBefore(shiftStart(k))) {
            k--;
        }
        return k;
    }

    /** The member holding {@code position} during shift {@code k}, or empty (no members, no secondary). */
    public Optional<String> memberFor(long k, Position position) {
        int n = memberIds.size();
        if (n == 0) {
            return Optional.empty();
        }
        int primary = (int) Math.floorMod(k, (long) n);
        if (position == Position.PRIMARY) {
            return Optional.of(memberIds.get(primary));
        }
        int secondary = (int) Math.floorMod(k + secondaryOffset, (long) n);
        return secondary == primary ? Optional.empty() : Optional.of(memberIds.get(secondary));
    }

    /** "weekly", "daily" or "every N days": the file's words for the shift length. */
    public String shiftText() {
        return shiftDays == WEEKLY ? "weekly" : shiftDays == 1 ? "daily" : "every " + shiftDays + " days";
    }
}
