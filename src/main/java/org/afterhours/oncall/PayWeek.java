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
