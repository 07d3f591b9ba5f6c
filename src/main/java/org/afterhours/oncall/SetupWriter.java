package org.afterhours.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a setup as the tree {@link SetupReader} reads (maps, lists, strings, numbers), for a YAML or JSON
 * writer to print. Reading what this writes gives back an equal setup. Instants are written as local times
 * with their offset in the rotation's zone, which a person can read and which stays exact in the repeated
 * hour of a daylight-saving change.
 */
public final class SetupWriter {
    private SetupWriter() {
    }

    public static Map<String, Object> write(OnCallSetup setup) {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        setup.rotations().forEach(r -> zones.put(r.id(), r.zone()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", SetupReader.FORMAT);
        root.put("people", setup.people().stream().map(SetupWriter::person).toList());
        root.put("holidayCalendars", setup.holidayCalendars().stream().map(SetupWriter::calendar).toList());
        root.put("rotations", setup.rotations().stream().map(SetupWriter::rotation).toList());
        root.put("escalationPolicies", setup.escalationPolicies().stream().map(SetupWriter::policy).toList());
        root.put("lines", setup.lines().stream().map(SetupWriter::line).toList());
        root.put("overrides", setup.overrides().stream()
                .map(o -> override(o, zones.getOrDefault(o.rotationId(), Line.DEFAULT_ZONE))).toList());
        root.put("temporarySchedules", setup.temporarySchedules().stream()
                .map(t -> temporary(t, zones.getOrDefault(t.rotationId(), Line.DEFAULT_ZONE))).toList());
        return root;
    }

    private static Map<String, Object> person(Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("roles", List.copyOf(new TreeSet<>(p.roles())));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (ContactPoint c : p.contactPoints()) {
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("label", c.label());
            contact.put("dial", c.dialString());
            contacts.add(contact);
        }
        m.put("contacts", contacts);
        putIfSet(m, "email", p.email());
        m.put("zone", p.zone().getId());
        m.put("active", p.active());
        return m;
    }

    private static Map<String, Object> calendar(HolidayCalendar c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        List<Map<String, Object>> holidays = new ArrayList<>();
        for (Holiday h : c.holidays()) {
            Map<String, Object> holiday = new LinkedHashMap<>();
            holiday.put("name", h.name());
            holiday.put("date", h.date().text());
            holiday.put("observed", h.observance().word());
            holidays.add(holiday);
        }
        m.put("holidays", holidays);
        return m;
    }

    private static Map<String, Object> rotation(Rotation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("zone", r.zone().getId());
        m.put("shift", r.shiftText());
        m.put("handoff", r.handoffTime().toString());
        m.put("start", r.startDate().toString());
        m.put("members", r.memberIds());
        m.put("secondaryOffset", r.secondaryOffset());
        return m;
    }

    private static Map<String, Object> policy(EscalationPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("repeat", p.repeat());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (EscalationStep s : p.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            switch (s.target()) {
                case StepTarget.OnCall o -> step.put("onCall", o.position().word());
                case StepTarget.RotationPosition r -> {
                    step.put("rotation", r.rotationId());
                    step.put("position", r.position().word());
                }
                case StepTarget.Role r -> step.put("role", r.role());
                case StepTarget.NamedPerson n -> step.put("person", n.personId());
            }
            step.put("ringSeconds", s.ringTimeout().toSeconds());
            step.put("attempts", s.attempts());
            steps.add(step);
        }
        m.put("steps", steps);
        return m;
    }

    private static Map<String, Object> line(Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("name", l.name());
        m.put("numbers", l.dialledNumbers());
        m.put("zone", l.zone().getId());
        putIfSet(m, "greeting", l.greeting());
        Map<String, Object> helpdesk = new LinkedHashMap<>();
        putIfSet(helpdesk, "phone", l.helpdesk().phone());
        putIfSet(helpdesk, "email", l.helpdesk().email());
        putIfSet(helpdesk, "portal", l.helpdesk().portal());
        if (!helpdesk.isEmpty()) {
            m.put("helpdesk", helpdesk);
        }
        m.put("hours", WeeklyHoursText.format(l.weeklyHours()));
        m.put("daytime", l.daytimeRouting().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        putIfSet(m, "holidays", l.holidayCalendarId());
        List<Map<String, Object>> closures = new ArrayList<>();
        for (Closure c : l.closures()) {
            Map<String, Object> closure = new LinkedHashMap<>();
            closure.put("reason", c.reason());
            closure.put("from", c.from().toString());
            closure.put("until", c.until().toString());
            closures.add(closure);
        }
        m.put("closures", closures);
        m.put("rotation", l.rotationId());
        m.put("escalation", l.escalationPolicyId());
        return m;
    }

    private static Map<String, Object> override(OnCallOverride o, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("rotation", o.rotationId());
        m.put("position", o.position().word());
        m.put("person", o.personId());
        putIfSet(m, "replaces", o.replacesPersonId());
        m.put("from", local(o.from(), zone));
        m.put("until", local(o.until(), zone));
        m.put("created", local(o.created(), zone));
        putIfSet(m, "note", o.note());
        return m;
    }

    private static Map<String, Object> temporary(TemporarySchedule t, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("rotation", t.rotationId());
        m.put("from", local(t.from(), zone));
        m.put("until", local(t.until(), zone));
        List<Map<String, Object>> shifts = new ArrayList<>();
        for (TemporarySchedule.Shift s : t.shifts()) {
            Map<String, Object> shift = new LinkedHashMap<>();
            shift.put("position", s.position().word());
            shift.put("person", s.personId());
            shift.put("from", local(s.from(), zone));
            shift.put("until", local(s.until(), zone));
            shifts.add(shift);
        }
        m.put("shifts", shifts);
        return m;
    }

    /** {@code 2026-11-25T17:00-06:00}: the wall clock a person knows, with the offset that makes it exact. */
    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
