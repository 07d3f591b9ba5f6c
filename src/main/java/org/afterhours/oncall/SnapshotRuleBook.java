package org.afterhours.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The immutable rule book over one validated setup, indexed once so every question is a few map lookups. */
final class SnapshotRuleBook implements RuleBook {
    private final OnCallSetup setup;
    private final Map<String, Line> lines;
    private final Map<String, Line> linesByDigits = new HashMap<>();
    private final Map<String, List<Line>> linesByNationalDigits = new HashMap<>();
    private final Map<String, Person> people;
    private final Map<String, Rotation> rotations;
    private final Map<String, EscalationPolicy> policies;
    private final Map<String, HolidayCalendar> calendars;
    private final Map<String, List<OnCallOverride>> overridesByRotation;
    private final Map<String, List<TemporarySchedule>> temporaryByRotation;

    SnapshotRuleBook(OnCallSetup setup) {
        this.setup = setup;
        this.lines = index(setup.lines(), Line::id);
        this.people = index(setup.people(), Person::id);
        this.rotations = index(setup.rotations(), Rotation::id);
        this.policies = index(setup.escalationPolicies(), EscalationPolicy::id);
        this.calendars = index(setup.holidayCalendars(), HolidayCalendar::id);
        this.overridesByRotation = setup.overrides().stream()
                .collect(Collectors.groupingBy(OnCallOverride::rotationId, Collectors.toList()));
        this.temporaryByRotation = setup.temporarySchedules().stream()
                .collect(Collectors.groupingBy(TemporarySchedule::rotationId, Collectors.toList()));
        for (Line line : setup.lines()) {
            for (String number : line.dialledNumbers()) {
                String digits = PhoneNumbers.digits(number);
                linesByDigits.putIfAbsent(digits, line);
                List<Line> sameNational = linesByNationalDigits.computeIfAbsent(PhoneNumbers.national(digits),
                        d -> new ArrayList<>());
                if (!sameNational.contains(line)) {
                    sameNational.add(line);
                }
            }
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.put(id.apply(item), item);
        }
        return map;
    }

    @Override
    public RuleBook snapshot() {
        return this;
    }

    @Override
    public OnCallSetup setup() {
        return setup;
    }

    @Override
    public List<Line> lines() {
        return setup.lines();
    }

    @Override
    public Optional<Line> lineById(String id) {
        return Optional.ofNullable(lines.get(id));
    }

    @Override
    public Optional<Line> lineForDialledNumber(String dialled) {
        if (dialled == null) {
            return Optional.empty();
        }
        String digits = PhoneNumbers.digits(dialled);
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        Line exact = linesByDigits.get(digits);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (digits.length() < PhoneNumbers.NATIONAL_DIGITS) {
            return Optional.empty();
        }
        List<Line> national = linesByNationalDigits.getOrDefault(PhoneNumbers.national(digits), List.of());
        return national.size() == 1 ? Optional.of(national.getFirst()) : Optional.empty();
    }

    @Override
    public boolean isOpen(String lineId, Instant at) {
        return openStatus(lineId, at).open();
    }

    @Override
    public OpenStatus openStatus(String lineId, Instant at) {
        Objects.requireNonNull(at, "at");
        Line line = lines.get(lineId);
        if (line == null) {
            return OpenStatus.closed("unknown line " + lineId);
        }
        for (Closure closure : line.closures()) {
            if (closure.covers(at, line.zone())) {
                return OpenStatus.closed("closure " + closure.reason());
            }
        }
        ZonedDateTime local = at.atZone(line.zone());
        LocalDate day = local.toLocalDate();
        HolidayCalendar calendar = line.holidayCalendarId() == null ? null : calendars.get(line.holidayCalendarId());
        if (calendar != null) {
            Optional<String> holiday = calendar.closes(day);
            if (holiday.isPresent()) {
                return OpenStatus.closed("holiday " + holiday.get());
            }
        }
        for (OpeningPeriod period : line.weeklyHours()) {
            if (period.contains(day.getDayOfWeek(), local.toLocalTime())) {
                return OpenStatus.open("business hours");
            }
        }
        return OpenStatus.closed("outside business hours");
    }

    @Override
    public Optional<Person> onCall(String lineId, Position position, Instant at) {
        Line line = lines.get(lineId);
        return line == null ? Optional.empty() : onCallInRotation(line.rotationId(), position, at);
    }

    @Override
    public Optional<Person> onCallInRotation(String rotationId, Position position, Instant at) {
        Rotation rotation = rotations.get(rotationId);
        return rotation == null ? Optional.empty() : callable(holderAt(rotation, position, at).personId());
    }

    @Override
    public List<Person> rotationOrder(String rotationId, Instant at) {
        Rotation rotation = rotations.get(rotationId);
        if (rotation == null || rotation.memberIds().isEmpty()) {
            return List.of();
        }
        List<String> members = rotation.memberIds();
        int first = (int) Math.floorMod(rotation.shiftAt(at), (long) members.size());
        List<Person> order = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            callable(members.get((first + i) % members.size())).filter(p -> !order.contains(p)).ifPresent(order::add);
        }
        return List.copyOf(order);
    }

    @Override
    public List<OnCallPeriod> timeline(String rotationId, Position position, Instant from, Instant until) {
        Rotation rotation = rotations.get(rotationId);
        if (rotation == null || !from.isBefore(until)) {
            return List.of();
        }
        List<OnCallPeriod> periods = new ArrayList<>();
        List<Instant> cuts = new ArrayList<>(changesBetween(rotation, from, until));
        for (int i = 0; i < cuts.size(); i++) {
            Instant start = cuts.get(i);
            Instant end = i + 1 < cuts.size() ? cuts.get(i + 1) : until;
            Holder holder = holderAt(rotation, position, start);
            Optional<Person> person = callable(holder.personId());
            String source = holder.source();
            if (person.isEmpty() && holder.personId() != null) {
                source = source + " (" + holder.personId() + " is inactive)";
            }
            OnCallPeriod last = periods.isEmpty() ? null : periods.getLast();
            if (last != null && last.person().map(Person::id).equals(person.map(Person::id))) {
                periods.set(periods.size() - 1, new OnCallPeriod(last.from(), end, last.person(), last.source()));
            } else {
                periods.add(new OnCallPeriod(start, end, person, source));
            }
        }
        return List.copyOf(periods);
    }

    /** {@code from} and every instant in (from, until) at which the holder of some position may change. */
    private TreeSet<Instant> changesBetween(Rotation rotation, Instant from, Instant until) {
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        for (long k = rotation.shiftAt(from) + 1; rotation.shiftStart(k).isBefore(until); k++) {
            cuts.add(rotation.shiftStart(k));
        }
        for (OnCallOverride o : overridesByRotation.getOrDefault(rotation.id(), List.of())) {
            addInside(cuts, from, until, o.from(), o.until());
        }
        for (TemporarySchedule t : temporaryByRotation.getOrDefault(rotation.id(), List.of())) {
            addInside(cuts, from, until, t.from(), t.until());
            for (TemporarySchedule.Shift s : t.shifts()) {
                addInside(cuts, from, until, s.from(), s.until());
            }
        }
        return cuts;
    }

    private static void addInside(TreeSet<Instant> cuts, Instant from, Instant until, Instant... instants) {
        for (Instant i : instants) {
            if (i.isAfter(from) && i.isBefore(until)) {
                cuts.add(i);
            }
        }
    }

    /** Who the data says holds the position, active or not: override, else temporary schedule, else rotation. */
    private Holder holderAt(Rotation rotation, Position position, Instant at) {
        Holder base = temporaryHolder(rotation, position, at).orElseGet(() -> new Holder(
                rotation.memberFor(rotation.shiftAt(at), position).orElse(null), "rotation " + rotation.id()));
        OnCallOverride winner = null;
        for (OnCallOverride o : overridesByRotation.getOrDefault(rotation.id(), List.of())) {
            boolean applies = o.position() == position && o.covers(at)
                    && (o.replacesPersonId() == null || o.replacesPersonId().equals(base.personId()));
            // Newest wins; between equally new ones the later in the list, hence "not before".
            if (applies && (winner == null || !o.created().isBefore(winner.created()))) {
                winner = o;
            }
        }
        return winner == null ? base : new Holder(winner.personId(), "override " + winner.id());
    }

    private Optional<Holder> temporaryHolder(Rotation rotation, Position position, Instant at) {
        for (TemporarySchedule schedule : temporaryByRotation.getOrDefault(rotation.id(), List.of())) {
            if (schedule.covers(at)) {
                String person = schedule.shifts().stream()
                        .filter(s -> s.position() == position && s.covers(at))
                        .map(TemporarySchedule.Shift::personId)
                        .findFirst().orElse(null);
                return Optional.of(new Holder(person, "temporary schedule " + schedule.id()));
            }
        }
        return Optional.empty();
    }

    private Optional<Person> callable(String personId) {
        return personId == null ? Optional.empty()
                : Optional.ofNullable(people.get(personId)).filter(Person::active);
    }

    @Override
    public Optional<Person> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    @Override
    public List<Person> activeWithRole(String role) {
        return setup.people().stream().filter(p -> p.active() && p.hasRole(role)).toList();
    }

    @Override
    public Optional<Rotation> rotation(String id) {
        return Optional.ofNullable(rotations.get(id));
    }

    @Override
    public Optional<EscalationPolicy> escalationPolicy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    private record Holder(String personId, String source) {
    }
}
