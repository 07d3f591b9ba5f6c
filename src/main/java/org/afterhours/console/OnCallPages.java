package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.escalation.CoverageGap;
import org.afterhours.escalation.CoverageGaps;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallOverride;
import org.afterhours.oncall.OnCallPeriod;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.Rotation;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.SetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on call now, the next 14 days, coverage gaps; managers add an override (a shift swap), which is checked
 * by the same validation as an import and stored in the same transaction as one. Also the setup page (managers).
 */
final class OnCallPages {
    private static final Logger log = LoggerFactory.getLogger(OnCallPages.class);
    static final int DAYS = 14;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final Pages pages;

    OnCallPages(Pages pages) {
        this.pages = pages;
    }

    void routes(Router router) {
        pages.get(router, "/oncall", this::calendar);
        pages.managerPost(router, "/oncall/overrides", this::addOverride);
        pages.managerGet(router, "/setup", this::setup);
    }

    private void calendar(RoutingContext ctx) {
        RuleBook book = pages.console().ruleBook().snapshot();
        Instant now = pages.console().clock().instant();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Line line : book.lines()) {
            lines.add(line(book, line, now));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "oncall");
        model.put("lines", lines);
        model.put("rotations", book.setup().rotations().stream().map(r -> Map.of("id", r.id(), "name", r.name(),
                "zone", r.zone().getId())).toList());
        model.put("people", book.setup().people().stream().filter(Person::active).map(p -> Map.of("id", p.id(),
                "name", p.name())).toList());
        model.put("overrides", book.setup().overrides().stream().filter(o -> o.until().isAfter(now))
                .map(o -> override(book, o)).toList());
        pages.render(ctx, "oncall.ftlh", model);
    }

    private Map<String, Object> line(RuleBook book, Line line, Instant now) {
        ZoneId zone = line.zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant until = today.plusDays(DAYS).atStartOfDay(zone).toInstant();
        List<OnCallPeriod> primary = book.timeline(line.rotationId(), Position.PRIMARY, from, until);
        List<OnCallPeriod> secondary = book.timeline(line.rotationId(), Position.SECONDARY, from, until);
        List<Map<String, Object>> days = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = today.plusDays(d);
            Instant dayFrom = day.atStartOfDay(zone).toInstant();
            Instant dayUntil = day.plusDays(1).atStartOfDay(zone).toInstant();
            days.add(Map.of("date", pages.formats().date(dayFrom, zone), "id", day.toString(),
                    "primary", holders(primary, dayFrom, dayUntil, zone),
                    "secondary", holders(secondary, dayFrom, dayUntil, zone)));
        }
        List<Map<String, String>> gaps = new ArrayList<>();
        for (CoverageGap gap : CoverageGaps.find(book, now, now.plus(Duration.ofDays(DAYS)))) {
            if (gap.lineId().equals(line.id())) {
                gaps.add(Map.of("what", gap.what(), "from", pages.formats().dateTime(gap.from(), zone), "until",
                        pages.formats().dateTime(gap.until(), zone), "reason", gap.reason()));
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("id", line.id());
        m.put("name", line.name());
        m.put("zone", zone.getId());
        m.put("primaryNow", book.onCall(line.id(), Position.PRIMARY, now).map(Person::name).orElse("nobody"));
        m.put("secondaryNow", book.onCall(line.id(), Position.SECONDARY, now).map(Person::name).orElse("nobody"));
        m.put("open", (book.openStatus(line.id(), now).open() ? "open: " : "closed: ")
                + book.openStatus(line.id(), now).reason());
        m.put("days", days);
        m.put("gaps", gaps);
        return m;
    }

    /** Who held a position during one day: "Alice 00:00–08:00, Bob 08:00–24:00"; empty periods are gaps. */
    private static List<Map<String, Object>> holders(List<OnCallPeriod> periods, Instant from, Instant until,
            ZoneId zone) {
        List<Map<String, Object>> held = new ArrayList<>();
        for (OnCallPeriod p : periods) {
            Instant start = p.from().isAfter(from) ? p.from() : from;
            Instant end = p.until().isBefore(until) ? p.until() : until;
            if (start.isBefore(end)) {
                String endText = end.equals(until) ? "24:00" : HOUR.format(end.atZone(zone));
                held.add(Map.of("who", p.person().map(Person::name).orElse("nobody"), "gap", p.person().isEmpty(),
                        "override", p.source().startsWith("override"),
                        "hours", HOUR.format(start.atZone(zone)) + "–" + endText));
            }
        }
        return held;
    }

    private Map<String, String> override(RuleBook book, OnCallOverride o) {
        ZoneId zone = book.rotation(o.rotationId()).map(Rotation::zone).orElse(pages.formats().defaultZone());
        return Map.of("id", o.id(), "rotation", o.rotationId(), "position", o.position().word(),
                "person", book.person(o.personId()).map(Person::name).orElse(o.personId()),
                "replaces", o.replacesPersonId() == null ? "whoever holds it" : o.replacesPersonId(),
                "from", pages.formats().dateTime(o.from(), zone), "until", pages.formats().dateTime(o.until(), zone),
                "note", o.note() == null ? "" : o.note());
    }

    private void addOverride(RoutingContext ctx) {
        OnCallSetup setup = pages.console().setupStore().current();
        String rotationId = Pages.param(ctx, "rotation");
        Optional<Rotation> rotation = setup.rotations().stream().filter(r -> r.id().equals(rotationId)).findFirst();
        Position position = "secondary".equals(Pages.param(ctx, "position")) ? Position.SECONDARY
                : Position.PRIMARY;
        Instant from;
        Instant until;
        try {
            ZoneId zone = rotation.map(Rotation::zone).orElse(pages.formats().defaultZone());
            from = LocalDateTime.parse(required(ctx, "from")).atZone(zone).toInstant();
            until = LocalDateTime.parse(required(ctx, "until")).atZone(zone).toInstant();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            Pages.flashAndRedirect(ctx, "Override not added: from and until are a date and a time.", "/oncall");
            return;
        }
        Instant now = pages.console().clock().instant();
        String note = Pages.param(ctx, "note");
        OnCallOverride override = new OnCallOverride("console-" + now.toEpochMilli() + "-"
                + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36),
                rotationId == null ? "" : rotationId, position, Optional.ofNullable(Pages.param(ctx, "person"))
                .orElse(""), Pages.param(ctx, "replaces"), from, until, now,
                note == null ? "added in the console by " + Pages.user(ctx).personId() : note);
        List<OnCallOverride> overrides = new ArrayList<>(setup.overrides());
        overrides.add(override);
        try {
            pages.console().setupStore().replace(new OnCallSetup(setup.people(), setup.holidayCalendars(),
                    setup.rotations(), setup.escalationPolicies(), setup.lines(), overrides,
                    setup.temporarySchedules()));
        } catch (SetupException e) {
            Pages.flashAndRedirect(ctx, "Override not added: " + String.join("; ", e.problems().stream()
                    .map(Object::toString).toList()), "/oncall");
            return;
        }
        log.info("console: {} added override {} ({} {} {} to {})", Pages.user(ctx).personId(), override.id(),
                override.personId(), position.word(), from, until);
        Pages.flashAndRedirect(ctx, "Override added.", "/oncall");
    }

    private static String required(RoutingContext ctx, String name) {
        String value = Pages.param(ctx, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private void setup(RoutingContext ctx) {
        RuleBook book = pages.console().ruleBook().snapshot();
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "setup");
        model.put("people", book.setup().people().stream().map(p -> Map.of("id", p.id(), "name", p.name(),
                "roles", String.join(", ", new java.util.TreeSet<>(p.roles())), "active", p.active(),
                "hasPassword", pages.console().passwords().hash(p.id()).isPresent())).toList());
        model.put("rotations", book.setup().rotations().stream().map(r -> Map.of("id", r.id(), "name", r.name(),
                "members", String.join(", ", r.memberIds()), "zone", r.zone().getId(), "handoff",
                r.handoffTime().toString())).toList());
        pages.render(ctx, "setup.ftlh", model);
    }
}
