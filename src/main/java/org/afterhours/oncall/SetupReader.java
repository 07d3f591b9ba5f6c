package org.afterhours.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a setup from the tree of an import file (maps, lists and scalars, as a YAML parser yields them) and
 * validates it. The format is documented in README.md ("The setup file") and shown by
 * {@code config/oncall.yaml}; {@link SetupWriter} writes the same format back.
 *
 * <p>Every problem, in the file's syntax or in its meaning, is reported with the path of its field, and
 * all of them at once; nothing is returned unless there are none.
 */
public final class SetupReader {
    /** The file format this code reads and writes. */
    public static final int FORMAT = 1;
    private static final Pattern SHIFT = Pattern.compile("(?i)(?:every\\s+)?(\\d+)\\s+days?");

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, ZoneId> rotationZones = new HashMap<>();
    private final Instant importedAt;

    private SetupReader(Instant importedAt) {
        this.importedAt = importedAt;
    }

    /**
     * The setup in {@code tree}; @throws SetupException listing every problem
     *
     * @param importedAt when the file is read: an override without {@code created} was agreed then, so among
     *                   overlapping overrides it is newer than every one created before the import
     */
    public static OnCallSetup read(Object tree, Instant importedAt) {
        SetupReader reader = new SetupReader(java.util.Objects.requireNonNull(importedAt, "importedAt"));
        OnCallSetup setup = reader.setup(tree);
        if (!reader.problems.isEmpty()) {
            throw new SetupException(reader.problems);
        }
        SetupValidator.requireValid(setup);
        return setup;
    }

    private OnCallSetup setup(Object tree) {
        FileNode root = FileNode.of(tree, "", problems);
        if (root == null) {
            return OnCallSetup.empty();
        }
        root.allow("format", "people", "holidayCalendars", "rotations", "escalationPolicies", "lines", "overrides",
                "temporarySchedules");
        int format = root.integer("format", FORMAT);
        if (format != FORMAT) {
            root.problem("format", "this afterhours reads format " + FORMAT + ", not " + format);
        }
        List<Person> people = new ArrayList<>();
        root.list("people").forEach(item -> add(people, person(item.node(problems))));
        List<HolidayCalendar> calendars = new ArrayList<>();
        root.list("holidayCalendars").forEach(item -> add(calendars, calendar(item.node(problems))));
        List<Rotation> rotations = new ArrayList<>();
        root.list("rotations").forEach(item -> add(rotations, rotation(item.node(problems))));
        List<EscalationPolicy> policies = new ArrayList<>();
        root.list("escalationPolicies").forEach(item -> add(policies, policy(item.node(problems))));
        List<Line> lines = new ArrayList<>();
        root.list("lines").forEach(item -> add(lines, line(item.node(problems))));
        List<OnCallOverride> overrides = new ArrayList<>();
        root.list("overrides").forEach(item -> add(overrides, override(item.node(problems))));
        List<TemporarySchedule> temporary = new ArrayList<>();
        root.list("temporarySchedules").forEach(item -> add(temporary, temporarySchedule(item.node(problems))));
        return new OnCallSetup(people, calendars, rotations, policies, lines, overrides, temporary);
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    private Person person(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "name", "roles", "contacts", "email", "zone", "active");
        String id = n.text("id");
        String name = n.text("name", id);
        List<ContactPoint> contacts = new ArrayList<>();
        for (FileNode.Item item : n.list("contacts")) {
            FileNode c = item.node(problems);
            if (c != null) {
                c.allow("label", "dial");
                String dial = c.text("dial");
                if (dial != null) {
                    contacts.add(new ContactPoint(c.text("label", "phone"), dial));
                }
            }
        }
        ZoneId zone = n.parsed("zone", Line.DEFAULT_ZONE.getId(), ZoneId::of, "a time zone such as America/Chicago");
        boolean active = n.bool("active", true);
        List<String> roles = n.texts("roles");
        if (id == null || zone == null) {
            return null;
        }
        return new Person(id, name, new LinkedHashSet<>(roles), contacts, n.text("email", null), zone, active);
    }

    private HolidayCalendar calendar(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "name", "holidays");
        String id = n.text("id");
        List<Holiday> holidays = new ArrayList<>();
        for (FileNode.Item item : n.list("holidays")) {
            FileNode h = item.node(problems);
            if (h == null) {
                continue;
            }
            h.allow("name", "date", "observed");
            String name = h.text("name");
            HolidayDate date = h.parsed("date", null, HolidayDate::parse, "a holiday date");
            Observance observed = h.parsed("observed", Observance.NEAREST_WEEKDAY.word(), SetupReader::observance,
                    "none, nearest-weekday or next-weekday");
            if (name != null && date != null && observed != null) {
                holidays.add(new Holiday(name, date, observed));
            }
        }
        return id == null ? null : new HolidayCalendar(id, n.text("name", id), holidays);
    }

    private Rotation rotation(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "name", "zone", "shift", "handoff", "handoffDay", "start", "members", "secondaryOffset");
        String id = n.text("id");
        ZoneId zone = n.parsed("zone", Line.DEFAULT_ZONE.getId(), ZoneId::of, "a time zone such as America/Chicago");
        Integer shiftDays = n.parsed("shift", "weekly", SetupReader::shiftDays, "weekly, daily or 'every N days'");
        LocalTime handoff = n.parsed("handoff", Rotation.DEFAULT_HANDOFF.toString(), SetupReader::time,
                "a time such as \"08:00\" (quote it)");
        LocalDate start = n.parsed("start", null, LocalDate::parse, "a date such as 2026-01-05");
        java.time.DayOfWeek handoffDay = n.has("handoffDay")
                ? n.parsed("handoffDay", null, SetupReader::weekday, "a day of the week such as Monday") : null;
        List<String> members = n.texts("members");
        int offset = n.integer("secondaryOffset", 1);
        if (handoffDay != null && shiftDays != null && shiftDays % Rotation.WEEKLY != 0) {
            n.problem(n.path("handoffDay"), "needs a shift of whole weeks (weekly, every 14 days...), not "
                    + shiftDays + " days");
            return null;
        }
        if (id == null || zone == null || shiftDays == null || handoff == null || start == null) {
            return null;
        }
        rotationZones.put(id, zone);
        // Shifts hand off on handoffDay: the first member holds the shift running on the start date, which began
        // on the last handoffDay on or before it. Stored as that date, so the rotation's start is its weekday.
        LocalDate firstHandoff = handoffDay == null ? start
                : start.with(java.time.temporal.TemporalAdjusters.previousOrSame(handoffDay));
        return new Rotation(id, n.text("name", id), zone, firstHandoff, handoff, shiftDays, members, offset);
    }

    static java.time.DayOfWeek weekday(String text) {
        return java.time.DayOfWeek.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    private EscalationPolicy policy(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "name", "repeat", "steps");
        String id = n.text("id");
        List<EscalationStep> steps = new ArrayList<>();
        for (FileNode.Item item : n.list("steps")) {
            add(steps, step(item.node(problems)));
        }
        return id == null ? null : new EscalationPolicy(id, n.text("name", id), steps, n.integer("repeat", 0));
    }

    private EscalationStep step(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("onCall", "rotation", "position", "role", "person", "ringSeconds", "attempts");
        StepTarget target = target(n);
        Duration ring = Duration.ofSeconds(n.integer("ringSeconds", (int) EscalationStep.DEFAULT_RING_TIMEOUT.toSeconds()));
        int attempts = n.integer("attempts", 1);
        return target == null ? null : new EscalationStep(target, ring, attempts);
    }

    private StepTarget target(FileNode n) {
        int kinds = (n.has("onCall") ? 1 : 0) + (n.has("rotation") ? 1 : 0) + (n.has("role") ? 1 : 0)
                + (n.has("person") ? 1 : 0);
        if (kinds != 1) {
            n.problem(n.path("onCall"), "a step names exactly one target: onCall, rotation (with position), role or person");
            return null;
        }
        if (n.has("onCall")) {
            Position position = n.parsed("onCall", null, SetupReader::position, "primary or secondary");
            return position == null ? null : new StepTarget.OnCall(position);
        }
        if (n.has("rotation")) {
            Position position = n.parsed("position", null, SetupReader::position, "primary or secondary");
            return position == null ? null : new StepTarget.RotationPosition(n.text("rotation"), position);
        }
        if (n.has("role")) {
            return new StepTarget.Role(n.text("role"));
        }
        return new StepTarget.NamedPerson(n.text("person"));
    }

    private Line line(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "name", "numbers", "zone", "greeting", "helpdesk", "hours", "daytime", "holidays", "closures",
                "rotation", "escalation");
        String id = n.text("id");
        ZoneId zone = n.parsed("zone", Line.DEFAULT_ZONE.getId(), ZoneId::of, "a time zone such as America/Chicago");
        Helpdesk helpdesk = null;
        FileNode h = n.child("helpdesk");
        if (h != null) {
            h.allow("phone", "email", "portal");
            helpdesk = new Helpdesk(h.text("phone", null), h.text("email", null), h.text("portal", null));
        }
        List<OpeningPeriod> hours = new ArrayList<>();
        if (n.has("hours")) {
            for (FileNode.Item item : n.list("hours")) {
                List<OpeningPeriod> periods = n.parse(item.path(), String.valueOf(item.value()), WeeklyHoursText::parse,
                        "opening hours");
                if (periods != null) {
                    hours.addAll(periods);
                }
            }
        } else {
            hours.addAll(Line.DEFAULT_HOURS);
        }
        DaytimeRouting daytime = n.parsed("daytime", "transfer", SetupReader::daytime, "transfer or message-and-voicemail");
        List<Closure> closures = new ArrayList<>();
        for (FileNode.Item item : n.list("closures")) {
            FileNode c = item.node(problems);
            if (c == null) {
                continue;
            }
            c.allow("reason", "from", "until");
            LocalDateTime from = c.parsed("from", null, LocalDateTime::parse, "a local date and time such as 2026-12-24T12:00");
            LocalDateTime until = c.parsed("until", null, LocalDateTime::parse, "a local date and time such as 2026-12-28T08:00");
            String reason = c.text("reason", "closed");
            if (from != null && until != null) {
                closures.add(new Closure(reason, from, until));
            }
        }
        String rotation = n.text("rotation");
        String escalation = n.text("escalation", "default");
        List<String> numbers = n.texts("numbers");
        if (id == null || zone == null || daytime == null || rotation == null) {
            return null;
        }
        return new Line(id, n.text("name", id), numbers, zone, helpdesk, hours, daytime, escalation, rotation,
                n.text("holidays", null), closures, n.text("greeting", null));
    }

    private OnCallOverride override(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "rotation", "position", "person", "replaces", "from", "until", "created", "note");
        String id = n.text("id");
        String rotation = n.text("rotation");
        ZoneId zone = zoneOf(rotation);
        Position position = n.parsed("position", "primary", SetupReader::position, "primary or secondary");
        String person = n.text("person");
        Instant from = moment(n, "from", zone);
        Instant until = moment(n, "until", zone);
        Instant created = n.has("created") ? moment(n, "created", zone) : importedAt;
        if (id == null || rotation == null || position == null || person == null || from == null || until == null
                || created == null) {
            return null;
        }
        return new OnCallOverride(id, rotation, position, person, n.text("replaces", null), from, until, created,
                n.text("note", null));
    }

    private TemporarySchedule temporarySchedule(FileNode n) {
        if (n == null) {
            return null;
        }
        n.allow("id", "rotation", "from", "until", "shifts");
        String id = n.text("id");
        String rotation = n.text("rotation");
        ZoneId zone = zoneOf(rotation);
        Instant from = moment(n, "from", zone);
        Instant until = moment(n, "until", zone);
        List<TemporarySchedule.Shift> shifts = new ArrayList<>();
        for (FileNode.Item item : n.list("shifts")) {
            FileNode s = item.node(problems);
            if (s == null) {
                continue;
            }
            s.allow("position", "person", "from", "until");
            Position position = s.parsed("position", "primary", SetupReader::position, "primary or secondary");
            String person = s.text("person");
            Instant shiftFrom = moment(s, "from", zone);
            Instant shiftUntil = moment(s, "until", zone);
            if (position != null && person != null && shiftFrom != null && shiftUntil != null) {
                shifts.add(new TemporarySchedule.Shift(position, person, shiftFrom, shiftUntil));
            }
        }
        if (id == null || rotation == null || from == null || until == null) {
            return null;
        }
        return new TemporarySchedule(id, rotation, from, until, shifts);
    }

    private ZoneId zoneOf(String rotationId) {
        return rotationId == null ? Line.DEFAULT_ZONE : rotationZones.getOrDefault(rotationId, Line.DEFAULT_ZONE);
    }

    /**
     * An instant written with an offset ({@code 2026-11-25T17:00-06:00}, {@code …Z}) or as a wall-clock time in
     * the rotation's zone ({@code 2026-11-25T17:00}, resolved as {@link WallClock} says).
     */
    private static Instant moment(FileNode n, String key, ZoneId zone) {
        return n.parsed(key, null, text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notWithOffset) {
                return WallClock.toInstant(LocalDateTime.parse(text), zone);
            }
        }, "a date and time such as 2026-11-25T17:00 or 2026-11-25T17:00-06:00");
    }

    static LocalTime time(String text) {
        if (!text.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("not HH:MM");
        }
        return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }

    static Integer shiftDays(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("weekly")) {
            return Rotation.WEEKLY;
        }
        if (t.equals("daily")) {
            return 1;
        }
        Matcher m = SHIFT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a shift length");
        }
        return Integer.valueOf(m.group(1));
    }

    static Position position(String text) {
        return Position.valueOf(text.toUpperCase(Locale.ROOT));
    }

    static Observance observance(String text) {
        return Observance.fromWord(text);
    }

    static DaytimeRouting daytime(String text) {
        return DaytimeRouting.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

}
