package org.afterhours.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small setups for specifications, built in code so each test shows exactly what it relies on. */
public final class Fixtures {
    public static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private Fixtures() {
    }

    public static Person person(String id, String... roles) {
        return new Person(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), Set.of(roles),
                List.of(new ContactPoint("mobile", "PJSIP/" + id)), id + "@example.com", CHICAGO, true);
    }

    public static Person inactive(String id, String... roles) {
        Person p = person(id, roles);
        return new Person(p.id(), p.name(), p.roles(), p.contactPoints(), p.email(), p.zone(), false);
    }

    /** Weekly Monday 08:00 Chicago from Monday 2026-01-05, the sample's rotation. */
    public static Rotation weekly(String id, String... members) {
        return new Rotation(id, id, CHICAGO, LocalDate.of(2026, 1, 5), LocalTime.of(8, 0), 7, List.of(members), 1);
    }

    public static EscalationStep step(StepTarget target) {
        return new EscalationStep(target, Duration.ofSeconds(30), 1);
    }

    /** The procedure's chain: primary, secondary, Hosted Administrator, Support Manager. */
    public static EscalationPolicy defaultPolicy(int repeat) {
        return new EscalationPolicy("default", "default", List.of(
                step(new StepTarget.OnCall(Position.PRIMARY)),
                step(new StepTarget.OnCall(Position.SECONDARY)),
                step(new StepTarget.Role("Hosted Administrator")),
                step(new StepTarget.Role("Support Manager"))), repeat);
    }

    public static EscalationPolicy primaryOnly(String id) {
        return new EscalationPolicy(id, id, List.of(step(new StepTarget.OnCall(Position.PRIMARY))), 0);
    }

    public static Line line(String id, String number, String rotationId, String policyId) {
        return new Line(id, id, List.of(number), CHICAGO, new Helpdesk("(913) 322-4666", null, null), Line.DEFAULT_HOURS,
                DaytimeRouting.TRANSFER, policyId, rotationId, null, List.of(), null);
    }

    public static OnCallOverride override(String id, Position position, String person, String replaces, String from,
            String until, String created) {
        return new OnCallOverride(id, "techs", position, person, replaces, Instant.parse(from), Instant.parse(until),
                Instant.parse(created), null);
    }

    /** A setup builder: start from the people, add what the test needs. */
    public static final class Setup {
        final List<Person> people = new ArrayList<>();
        final List<HolidayCalendar> calendars = new ArrayList<>();
        final List<Rotation> rotations = new ArrayList<>();
        final List<EscalationPolicy> policies = new ArrayList<>();
        final List<Line> lines = new ArrayList<>();
        final List<OnCallOverride> overrides = new ArrayList<>();
        final List<TemporarySchedule> temporary = new ArrayList<>();

        public Setup people(Person... p) {
            people.addAll(List.of(p));
            return this;
        }

        public Setup calendar(HolidayCalendar c) {
            calendars.add(c);
            return this;
        }

        public Setup rotation(Rotation r) {
            rotations.add(r);
            return this;
        }

        public Setup policy(EscalationPolicy p) {
            policies.add(p);
            return this;
        }

        /** The policies so far replaced by {@code p}. */
        public Setup onlyPolicy(EscalationPolicy p) {
            policies.clear();
            return policy(p);
        }

        public Setup line(Line l) {
            lines.add(l);
            return this;
        }

        public Setup override(OnCallOverride o) {
            overrides.add(o);
            return this;
        }

        public Setup temporary(TemporarySchedule t) {
            temporary.add(t);
            return this;
        }

        public OnCallSetup build() {
            return new OnCallSetup(people, calendars, rotations, policies, lines, overrides, temporary);
        }

        public RuleBook book() {
            return RuleBook.of(build());
        }
    }

    /**
     * Every kind of thing a setup can hold, each at least once: for storage and file round trips. Built on
     * {@link #procedure()}.
     */
    public static OnCallSetup everything() {
        Person london = new Person("lena", "Lena O'Neil \"LJ\"", Set.of("technician", "Help Desk"), List.of(
                new ContactPoint("mobile", "PJSIP/+447700900123@trunk"), new ContactPoint("desk", "PJSIP/lena")),
                null, ZoneId.of("Europe/London"), true);
        Setup setup = procedure()
                .people(london, inactive("old", "technician"))
                .calendar(new HolidayCalendar("us", "US holidays", List.of(
                        new Holiday("Thanksgiving", HolidayDate.parse("fourth Thursday of November"), Observance.NONE),
                        new Holiday("Memorial Day", HolidayDate.parse("last Monday of May"), Observance.NEXT_WEEKDAY),
                        new Holiday("Christmas Day", HolidayDate.parse("12-25"), Observance.NEAREST_WEEKDAY))))
                .rotation(new Rotation("daily", "Daily specialists", ZoneId.of("America/New_York"),
                        LocalDate.of(2026, 1, 1), LocalTime.of(7, 30), 3, List.of("lena", "alice", "old"), 2))
                .policy(new EscalationPolicy("contract", "Contract tiers", List.of(
                        new EscalationStep(new StepTarget.OnCall(Position.SECONDARY), Duration.ofSeconds(45), 2),
                        step(new StepTarget.RotationPosition("daily", Position.PRIMARY)),
                        step(new StepTarget.Role("Help Desk")),
                        new EscalationStep(new StepTarget.NamedPerson("erin"), Duration.ofSeconds(60), 3)), 2))
                .line(new Line("county", "County hotline", List.of("(866) 435-7684", "+1 866 435 7685"),
                        ZoneId.of("America/New_York"), new Helpdesk(null, "care@example.com", "https://care.example.com"),
                        List.of(new OpeningPeriod(java.time.DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.MIDNIGHT),
                                new OpeningPeriod(java.time.DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 30)),
                                new OpeningPeriod(java.time.DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0))),
                        DaytimeRouting.MESSAGE_AND_VOICEMAIL, "contract", "daily", "us",
                        List.of(new Closure("Office move", java.time.LocalDateTime.parse("2026-11-01T01:30"),
                                java.time.LocalDateTime.parse("2026-11-02T08:00"))), "county-greeting"))
                .override(new OnCallOverride("swap", "techs", Position.PRIMARY, "carol", "bob",
                        Instant.parse("2026-11-26T14:00:00.125Z"), Instant.parse("2026-11-27T14:00:00Z"),
                        Instant.parse("2026-11-10T15:00:00Z"), "Carol takes Thanksgiving"))
                .override(new OnCallOverride("cover", "daily", Position.SECONDARY, "lena", null,
                        Instant.parse("2026-11-01T06:30:00Z"), Instant.parse("2026-11-01T07:30:00Z"),
                        Instant.parse("2026-10-01T00:00:00Z"), null))
                .temporary(new TemporarySchedule("xmas", "techs", Instant.parse("2026-12-21T14:00:00Z"),
                        Instant.parse("2026-12-28T14:00:00Z"), List.of(
                                new TemporarySchedule.Shift(Position.PRIMARY, "alice", Instant.parse("2026-12-21T14:00:00Z"),
                                        Instant.parse("2026-12-24T14:00:00Z")),
                                new TemporarySchedule.Shift(Position.SECONDARY, "lena", Instant.parse("2026-12-21T14:00:00Z"),
                                        Instant.parse("2026-12-28T14:00:00Z")))));
        return setup.build();
    }

    /** alice, bob, carol in a weekly rotation "techs" on line "main"; dave Hosted Administrator, erin Support Manager. */
    public static Setup procedure() {
        return new Setup()
                .people(person("alice", "technician"), person("bob", "technician"), person("carol", "technician"),
                        person("dave", "Hosted Administrator"), person("erin", "Support Manager"))
                .rotation(weekly("techs", "alice", "bob", "carol"))
                .policy(defaultPolicy(0))
                .line(line("main", "913-201-6503", "techs", "default"));
    }
}
