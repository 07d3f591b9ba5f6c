package org.afterhours.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Who held the primary and secondary positions of a line, hour by hour, over a week: the Emergency Support
 * Line Pay form's raw material. The week runs from midnight at the start of {@code firstDay} to midnight
 * seven days later on the line's wall clock, so a week with a daylight-saving change has 167 or 169 hours.
 */
public final class PayWeek {
    private static final Duration HOUR = Duration.ofHours(1);

    private PayWeek() {
    }

    public static List<HourOnCall> hourByHour(RuleBook ruleBook, String lineId, LocalDate firstDay) {
        RuleBook book = ruleBook.snapshot();
        Line line = book.lineById(lineId).orElseThrow(() -> new IllegalArgumentException("unknown line " + lineId));
        ZoneId zone = line.zone();
        Instant from = firstDay.atStartOfDay(zone).toInstant();
        Instant until = firstDay.plusDays(7).atStartOfDay(zone).toInstant();
        List<OnCallPeriod> primary = book.timeline(line.rotationId(), Position.PRIMARY, from, until);
        List<OnCallPeriod> secondary = book.timeline(line.rotationId(), Position.SECONDARY, from, until);
        List<HourOnCall> hours = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(until); hour = hour.plus(HOUR)) {
            Instant end = hour.plus(HOUR).isAfter(until) ? until : hour.plus(HOUR);
            hours.add(new HourOnCall(hour.atZone(zone), within(primary, hour, end), within(secondary, hour, end)));
        }
        return hours;
    }

    /** Hours a person held each position over a period. */
    public record PositionsHeld(Duration primary, Duration secondary) {
        PositionsHeld plus(Position position, Duration held) {
            return position == Position.PRIMARY ? new PositionsHeld(primary.plus(held), secondary)
                    : new PositionsHeld(primary, secondary.plus(held));
        }
    }

    /** Hand-off time the pay form's week starts and ends at. */
    public static final java.time.LocalTime PAY_WEEK_START = java.time.LocalTime.of(8, 0);

    /**
     * The pay form's week on a line's wall clock: Monday 08:00 to the next Monday 08:00 (168 hours, or 167/169
     * across a daylight-saving change).
     */
    public record Week(LocalDate monday, Instant from, Instant until) {
        public static Week starting(LocalDate monday, ZoneId zone) {
            if (monday.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
                throw new IllegalArgumentException(monday + " is not a Monday");
            }
            return new Week(monday, monday.atTime(PAY_WEEK_START).atZone(zone).toInstant(),
                    monday.plusWeeks(1).atTime(PAY_WEEK_START).atZone(zone).toInstant());
        }

        /** The last week that ended at or before {@code at}: the one handed in that Monday morning. */
        public static Week lastEndedBy(Instant at, ZoneId zone) {
            java.time.ZonedDateTime local = at.atZone(zone);
            LocalDate monday = local.toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(
                    java.time.DayOfWeek.MONDAY));
            Week candidate = starting(monday, zone);
            return candidate.until().isAfter(at) || candidate.from().isAfter(at)
                    ? starting(monday.minusWeeks(candidate.from().isAfter(at) ? 2 : 1), zone) : candidate;
        }
    }

    /**
     * Who held the line's primary and secondary positions over {@code [from, until)} and for how long, overrides and
     * temporary schedules included, by person id in the order they first held one. Nobody's hours are left out.
     */
    public static java.util.Map<String, PositionsHeld> totals(RuleBook ruleBook, String lineId, Instant from,
            Instant until) {
        RuleBook book = ruleBook.snapshot();
        Line line = book.lineById(lineId).orElseThrow(() -> new IllegalArgumentException("unknown line " + lineId));
        java.util.Map<String, PositionsHeld> totals = new java.util.LinkedHashMap<>();
        for (Position position : Position.values()) {
            for (OnCallPeriod period : book.timeline(line.rotationId(), position, from, until)) {
                period.person().ifPresent(person -> totals.merge(person.id(),
                        new PositionsHeld(Duration.ZERO, Duration.ZERO).plus(position,
                                Duration.between(period.from(), period.until())),
                        (a, b) -> new PositionsHeld(a.primary().plus(b.primary()),
                                a.secondary().plus(b.secondary()))));
            }
        }
        return totals;
    }

    private static List<HourOnCall.Holding> within(List<OnCallPeriod> periods, Instant from, Instant until) {
        List<HourOnCall.Holding> held = new ArrayList<>();
        for (OnCallPeriod p : periods) {
            Instant start = p.from().isAfter(from) ? p.from() : from;
            Instant end = p.until().isBefore(until) ? p.until() : until;
            if (start.isBefore(end)) {
                held.add(new HourOnCall.Holding(p.person(), Duration.between(start, end)));
            }
        }
        return held;
    }
}
