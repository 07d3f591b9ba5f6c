package org.afterhours.oncall;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One after-hours number (a company may run one per customer group or brand) and everything a call to it
 * needs: the helpdesk it refers to, the opening hours that decide "after hours", the rotation that says
 * who is on call and the escalation policy that says who is tried next.
 *
 * @param dialledNumbers the numbers callers dial, as written by people; matched on their digits only
 * @param zone business hours and closures are wall-clock times here
 * @param weeklyHours when the helpdesk is open; empty means never (a 24/7 hotline is always "after hours")
 * @param rotationId the rotation whose primary and secondary answer this line
 * @param holidayCalendarId the holidays this line is closed on, or null for none
 * @param closures one-off closed periods
 * @param greeting name of the greeting prompt played on answer, or null for the default
 */
public record Line(String id, String name, List<String> dialledNumbers, ZoneId zone, Helpdesk helpdesk,
        List<OpeningPeriod> weeklyHours, DaytimeRouting daytimeRouting, String escalationPolicyId, String rotationId,
        String holidayCalendarId, List<Closure> closures, String greeting) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Chicago");

    /** Mon-Fri 08:00-17:00, the procedure's business hours. */
    public static final List<OpeningPeriod> DEFAULT_HOURS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream()
            .map(d -> new OpeningPeriod(d, LocalTime.of(8, 0), LocalTime.of(17, 0))).toList();

    public Line {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(daytimeRouting, "daytimeRouting");
        dialledNumbers = List.copyOf(dialledNumbers);
        // Kept in one canonical order (day, then opening time), so equal hours make equal lines however
        // they were written.
        weeklyHours = weeklyHours.stream()
                .sorted(java.util.Comparator.comparing(OpeningPeriod::day).thenComparing(OpeningPeriod::opens))
                .toList();
        closures = List.copyOf(closures);
        helpdesk = helpdesk == null ? new Helpdesk(null, null, null) : helpdesk;
    }
}
