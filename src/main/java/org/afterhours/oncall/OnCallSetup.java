package org.afterhours.oncall;

import java.util.List;

/**
 * A whole setup, as imported from one file or loaded from the database: everything the rule book answers
 * from. Lists keep the order they were written in, which matters for people (role steps ring them in
 * that order) and overrides (order breaks ties between equally new ones).
 */
public record OnCallSetup(List<Person> people, List<HolidayCalendar> holidayCalendars, List<Rotation> rotations,
        List<EscalationPolicy> escalationPolicies, List<Line> lines, List<OnCallOverride> overrides,
        List<TemporarySchedule> temporarySchedules) {

    public OnCallSetup {
        people = List.copyOf(people);
        holidayCalendars = List.copyOf(holidayCalendars);
        rotations = List.copyOf(rotations);
        escalationPolicies = List.copyOf(escalationPolicies);
        lines = List.copyOf(lines);
        overrides = List.copyOf(overrides);
        temporarySchedules = List.copyOf(temporarySchedules);
    }

    public static OnCallSetup empty() {
        return new OnCallSetup(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
