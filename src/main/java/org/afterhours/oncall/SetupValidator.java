package org.afterhours.oncall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a whole setup before it is used or stored, listing every problem with the path of the field as
 * the import file spells it ({@code lines[0].rotation: unknown rotation 'nights'}). Only a setup with no
 * problems becomes a rule book or reaches the database.
 */
public final class SetupValidator {
    /** Ids appear in files, URLs and logs: keep them plain. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /**
     * TECH/resource as Asterisk's Dial takes it. No comma, quote, pipe, space or line break: Dial splits its
     * arguments on commas, and a line break would start a second AGI command.
     */
    private static final Pattern DIAL_STRING = Pattern.compile("[A-Za-z0-9_-]+/[^\\s,\"|;]+");
    static final Duration SHORTEST_RING = Duration.ofSeconds(5);
    static final Duration LONGEST_RING = Duration.ofMinutes(5);
    static final int MOST_ATTEMPTS = 10;
    static final int MOST_REPEATS = 10;

    private final OnCallSetup setup;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Person> people = new HashMap<>();
    private final Set<String> rotations = new HashSet<>();
    private final Set<String> policies = new HashSet<>();
    private final Set<String> calendars = new HashSet<>();

    private SetupValidator(OnCallSetup setup) {
        this.setup = setup;
    }

    public static List<Problem> validate(OnCallSetup setup) {
        SetupValidator v = new SetupValidator(setup);
        v.run();
        return List.copyOf(v.problems);
    }

    public static void requireValid(OnCallSetup setup) {
        List<Problem> problems = validate(setup);
        if (!problems.isEmpty()) {
            throw new SetupException(problems);
        }
    }

    private void run() {
        uniqueIds("people", setup.people(), Person::id);
        uniqueIds("holidayCalendars", setup.holidayCalendars(), HolidayCalendar::id);
        uniqueIds("rotations", setup.rotations(), Rotation::id);
        uniqueIds("escalationPolicies", setup.escalationPolicies(), EscalationPolicy::id);
        uniqueIds("lines", setup.lines(), Line::id);
        uniqueIds("overrides", setup.overrides(), OnCallOverride::id);
        uniqueIds("temporarySchedules", setup.temporarySchedules(), TemporarySchedule::id);
        setup.people().forEach(p -> people.put(p.id(), p));
        setup.rotations().forEach(r -> rotations.add(r.id()));
        setup.escalationPolicies().forEach(p -> policies.add(p.id()));
        setup.holidayCalendars().forEach(c -> calendars.add(c.id()));

        each("people", setup.people(), this::person);
        each("rotations", setup.rotations(), this::rotation);
        each("escalationPolicies", setup.escalationPolicies(), this::policy);
        each("lines", setup.lines(), this::line);
        each("overrides", setup.overrides(), this::override);
        each("temporarySchedules", setup.temporarySchedules(), this::temporarySchedule);
        dialledNumbersAreUnique();
        temporarySchedulesDoNotOverlap();
    }

    private interface Check<T> {
        void check(String path, T item);
    }

    private static <T> void each(String list, List<T> items, Check<T> check) {
        for (int i = 0; i < items.size(); i++) {
            check.check(list + "[" + i + "]", items.get(i));
        }
    }

    private <T> void uniqueIds(String list, List<T> items, Function<T, String> id) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String value = id.apply(items.get(i));
            String path = list + "[" + i + "].id";
            if (!ID.matcher(value).matches()) {
                problem(path, "'" + value + "' is not an id (letters, digits, '.', '_', '-'; at most 64)");
            }
            Integer first = seen.putIfAbsent(value, i);
            if (first != null) {
                problem(path, "'" + value + "' is already the id of " + list + "[" + first + "]");
            }
        }
    }

    private void person(String path, Person p) {
        notBlank(path + ".name", p.name());
        if (p.active() && p.contactPoints().isEmpty()) {
            problem(path + ".contacts", "an active person needs at least one contact point");
        }
        for (int i = 0; i < p.contactPoints().size(); i++) {
            ContactPoint c = p.contactPoints().get(i);
            notBlank(path + ".contacts[" + i + "].label", c.label());
            if (!DIAL_STRING.matcher(c.dialString()).matches()) {
                problem(path + ".contacts[" + i + "].dial", "'" + c.dialString()
                        + "' is not an Asterisk dial string such as PJSIP/alice or PJSIP/+19135550100@trunk"
                        + " (no spaces, commas, quotes, pipes or semicolons)");
            }
        }
        if (p.email() != null && !p.email().matches("[^@\\s]+@[^@\\s]+")) {
            problem(path + ".email", "'" + p.email() + "' is not an email address");
        }
        for (String role : p.roles()) {
            notBlank(path + ".roles", role);
        }
    }

    private void rotation(String path, Rotation r) {
        notBlank(path + ".name", r.name());
        if (r.shiftDays() < 1 || r.shiftDays() > 366) {
            problem(path + ".shift", "a shift lasts 1 to 366 days, not " + r.shiftDays());
        }
        if (r.memberIds().isEmpty()) {
            problem(path + ".members", "a rotation needs at least one member");
        }
        for (int i = 0; i < r.memberIds().size(); i++) {
            knownPerson(path + ".members[" + i + "]", r.memberIds().get(i));
        }
        if (r.secondaryOffset() < 1) {
            problem(path + ".secondaryOffset", "must be at least 1 (the secondary is that many members after the primary)");
        }
    }

    private void policy(String path, EscalationPolicy p) {
        notBlank(path + ".name", p.name());
        if (p.steps().isEmpty()) {
            problem(path + ".steps", "a policy needs at least one step");
        }
        if (p.repeat() < 0 || p.repeat() > MOST_REPEATS) {
            problem(path + ".repeat", "must be 0 to " + MOST_REPEATS + ", not " + p.repeat());
        }
        for (int i = 0; i < p.steps().size(); i++) {
            step(path + ".steps[" + i + "]", p.steps().get(i));
        }
    }

    private void step(String path, EscalationStep s) {
        Duration ring = s.ringTimeout();
        if (ring.compareTo(SHORTEST_RING) < 0 || ring.compareTo(LONGEST_RING) > 0) {
            problem(path + ".ringSeconds", "must be " + SHORTEST_RING.toSeconds() + " to " + LONGEST_RING.toSeconds()
                    + " seconds, not " + ring.toSeconds());
        }
        if (s.attempts() < 1 || s.attempts() > MOST_ATTEMPTS) {
            problem(path + ".attempts", "must be 1 to " + MOST_ATTEMPTS + ", not " + s.attempts());
        }
        switch (s.target()) {
            case StepTarget.OnCall ignored -> { }
            case StepTarget.RotationPosition r -> knownRotation(path + ".rotation", r.rotationId());
            case StepTarget.NamedPerson n -> knownPerson(path + ".person", n.personId());
            case StepTarget.Role r -> {
                // Nobody active is a coverage gap, reported at run time; nobody at all is a typo.
                if (setup.people().stream().noneMatch(p -> p.hasRole(r.role()))) {
                    problem(path + ".role", "no person has the role '" + r.role() + "'");
                }
            }
        }
    }

    private void line(String path, Line l) {
        notBlank(path + ".name", l.name());
        if (l.dialledNumbers().isEmpty()) {
            problem(path + ".numbers", "a line needs at least one dialled number");
        }
        for (int i = 0; i < l.dialledNumbers().size(); i++) {
            if (PhoneNumbers.digits(l.dialledNumbers().get(i)).length() < 3) {
                problem(path + ".numbers[" + i + "]", "'" + l.dialledNumbers().get(i) + "' has fewer than 3 digits");
            }
        }
        knownRotation(path + ".rotation", l.rotationId());
        if (!policies.contains(l.escalationPolicyId())) {
            problem(path + ".escalation", "unknown escalation policy '" + l.escalationPolicyId() + "'");
        }
        if (l.holidayCalendarId() != null && !calendars.contains(l.holidayCalendarId())) {
            problem(path + ".holidays", "unknown holiday calendar '" + l.holidayCalendarId() + "'");
        }
        List<OpeningPeriod> hours = l.weeklyHours();
        for (int i = 0; i < hours.size(); i++) {
            OpeningPeriod period = hours.get(i);
            if (!period.isValid()) {
                problem(path + ".hours", describe(period) + " closes before it opens"
                        + " (a period ends on the day it starts; 00:00 means midnight)");
            }
            for (int j = 0; j < i; j++) {
                if (period.overlaps(hours.get(j))) {
                    problem(path + ".hours", describe(period) + " overlaps " + describe(hours.get(j)));
                }
            }
        }
        if (l.daytimeRouting() == DaytimeRouting.TRANSFER && !hours.isEmpty()
                && (l.helpdesk().phone() == null || l.helpdesk().phone().isBlank())) {
            problem(path + ".daytime", "'transfer' needs helpdesk.phone to transfer to");
        }
        for (int i = 0; i < l.closures().size(); i++) {
            Closure c = l.closures().get(i);
            if (!c.from().isBefore(c.until())) {
                problem(path + ".closures[" + i + "].until", "must be after from (" + c.from() + ")");
            }
        }
    }

    private void override(String path, OnCallOverride o) {
        knownRotation(path + ".rotation", o.rotationId());
        knownPerson(path + ".person", o.personId());
        if (o.replacesPersonId() != null) {
            knownPerson(path + ".replaces", o.replacesPersonId());
        }
        if (!o.from().isBefore(o.until())) {
            problem(path + ".until", "must be after from (" + o.from() + ")");
        }
    }

    private void temporarySchedule(String path, TemporarySchedule t) {
        knownRotation(path + ".rotation", t.rotationId());
        if (!t.from().isBefore(t.until())) {
            problem(path + ".until", "must be after from (" + t.from() + ")");
        }
        List<TemporarySchedule.Shift> shifts = t.shifts();
        for (int i = 0; i < shifts.size(); i++) {
            TemporarySchedule.Shift s = shifts.get(i);
            String shiftPath = path + ".shifts[" + i + "]";
            knownPerson(shiftPath + ".person", s.personId());
            if (!s.from().isBefore(s.until())) {
                problem(shiftPath + ".until", "must be after from (" + s.from() + ")");
            }
            if (s.from().isBefore(t.from()) || s.until().isAfter(t.until())) {
                problem(shiftPath, "lies outside the schedule's " + t.from() + " to " + t.until());
            }
            for (int j = 0; j < i; j++) {
                TemporarySchedule.Shift other = shifts.get(j);
                if (other.position() == s.position() && s.from().isBefore(other.until()) && other.from().isBefore(s.until())) {
                    problem(shiftPath, "overlaps shifts[" + j + "] for " + s.position().word());
                }
            }
        }
    }

    private void dialledNumbersAreUnique() {
        Map<String, String> owner = new HashMap<>();
        for (int i = 0; i < setup.lines().size(); i++) {
            Line line = setup.lines().get(i);
            for (int j = 0; j < line.dialledNumbers().size(); j++) {
                // +1 913 201 6503 and 913-201-6503 are the same line to a caller: compare national numbers.
                String national = PhoneNumbers.national(PhoneNumbers.digits(line.dialledNumbers().get(j)));
                String previous = owner.putIfAbsent(national, line.id());
                if (previous != null) {
                    problem("lines[" + i + "].numbers[" + j + "]", "'" + line.dialledNumbers().get(j)
                            + "' is already a number of line '" + previous + "'");
                }
            }
        }
    }

    private void temporarySchedulesDoNotOverlap() {
        List<TemporarySchedule> all = setup.temporarySchedules();
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < i; j++) {
                TemporarySchedule a = all.get(i);
                TemporarySchedule b = all.get(j);
                if (a.rotationId().equals(b.rotationId()) && a.from().isBefore(b.until()) && b.from().isBefore(a.until())) {
                    problem("temporarySchedules[" + i + "]", "overlaps temporarySchedules[" + j + "] on rotation '"
                            + a.rotationId() + "'");
                }
            }
        }
    }

    private static String describe(OpeningPeriod p) {
        return p.day().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + p.opens()
                + "-" + p.closes();
    }

    private void knownPerson(String path, String id) {
        if (!people.containsKey(id)) {
            problem(path, "unknown person '" + id + "'");
        }
    }

    private void knownRotation(String path, String id) {
        if (!rotations.contains(id)) {
            problem(path, "unknown rotation '" + id + "'");
        }
    }

    private void notBlank(String path, String value) {
        if (value == null || value.isBlank()) {
            problem(path, "must not be empty");
        }
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
