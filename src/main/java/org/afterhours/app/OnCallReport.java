package org.afterhours.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.afterhours.escalation.CoverageGap;
import org.afterhours.escalation.CoverageGaps;
import org.afterhours.escalation.EscalationPlanner;
import org.afterhours.escalation.PlannedStep;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallPeriod;
import org.afterhours.oncall.OpenStatus;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.WallClock;

/** What {@code ./afterhours oncall} prints: per line, open or not, who is on call, whom a call rings, what is next. */
final class OnCallReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

    private final RuleBook book;
    private final EscalationPlanner planner;

    OnCallReport(RuleBook book) {
        this.book = book.snapshot();
        this.planner = EscalationPlanner.over(this.book);
    }

    /**
     * The instant asked about: exact when written with an offset ({@code 2026-12-24T23:30-06:00}, {@code …Z}), else
     * a wall-clock time read in each line's own zone ({@code 2026-12-24T23:30}).
     */
    record When(Instant exact, LocalDateTime local) {
        static When parse(String text) {
            try {
                return new When(OffsetDateTime.parse(text).toInstant(), null);
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return new When(null, LocalDateTime.parse(text));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--at: '" + text
                            + "' is not a date and time such as 2026-12-24T23:30 or 2026-12-24T23:30-06:00");
                }
            }
        }

        static When exactly(Instant instant) {
            return new When(instant, null);
        }

        Instant in(ZoneId zone) {
            return exact != null ? exact : WallClock.toInstant(local, zone);
        }
    }

    String render(When when, int days) {
        if (book.lines().isEmpty()) {
            return "no lines: import a setup first (./afterhours import config/oncall.yaml)\n";
        }
        StringBuilder out = new StringBuilder();
        for (Line line : book.lines()) {
            Instant at = when.in(line.zone());
            out.append(line.id()).append(": ").append(line.name()).append(" (")
                    .append(String.join(", ", line.dialledNumbers())).append(")\n");
            field(out, "at", time(at, line.zone()));
            field(out, "helpdesk", helpdesk(line, book.openStatus(line.id(), at)));
            field(out, "primary", person(book.onCall(line.id(), Position.PRIMARY, at)));
            field(out, "secondary", person(book.onCall(line.id(), Position.SECONDARY, at)));
            field(out, "escalation", escalation(line, at));
            if (days > 0) {
                Instant until = at.plus(Duration.ofDays(days));
                out.append("  next ").append(days).append(" days, to ").append(time(until, line.zone())).append(":\n");
                handOffs(out, line, at, until);
                gaps(out, line, at, until);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  ").append(String.format("%-12s", name + ":")).append(value).append('\n');
    }

    private static String helpdesk(Line line, OpenStatus status) {
        if (!status.open()) {
            return "after hours (" + status.reason() + ")";
        }
        return line.daytimeRouting() == DaytimeRouting.TRANSFER
                ? "open: callers are transferred to " + line.helpdesk().phone()
                : "open: callers hear the helpdesk details and may leave voicemail";
    }

    private static String person(Optional<Person> person) {
        return person.map(p -> p.name() + "  " + p.contactPoints().stream().map(c -> c.dialString())
                .collect(Collectors.joining(", "))).orElse("nobody");
    }

    private String escalation(Line line, Instant at) {
        List<PlannedStep> plan = planner.plan(line.id(), at);
        if (plan.isEmpty()) {
            return "nobody can be rung: callers can only leave voicemail";
        }
        List<String> firstRound = plan.stream().filter(p -> p.round() == 1)
                .map(p -> p.step() + " " + p.person().name() + " (" + p.targetDescription() + ")").toList();
        int rounds = plan.getLast().round();
        return String.join(", ", firstRound) + (rounds > 1 ? "; " + rounds + " rounds" : "");
    }

    /** One line per instant at which a holder changes: {@code primary Alice Adams -> Bob Brown; secondary …}. */
    private void handOffs(StringBuilder out, Line line, Instant from, Instant until) {
        TreeMap<Instant, List<String>> changes = new TreeMap<>();
        for (Position position : Position.values()) {
            List<OnCallPeriod> timeline = book.timeline(line.rotationId(), position, from, until);
            for (int i = 1; i < timeline.size(); i++) {
                OnCallPeriod before = timeline.get(i - 1);
                OnCallPeriod after = timeline.get(i);
                String why = after.source().startsWith("rotation ") ? "" : " (" + after.source() + ")";
                changes.computeIfAbsent(after.from(), t -> new ArrayList<>()).add(position.word() + " "
                        + name(before.person()) + " -> " + name(after.person()) + why);
            }
        }
        if (changes.isEmpty()) {
            out.append("    no hand-offs\n");
        }
        changes.forEach((at, what) -> out.append("    ").append(time(at, line.zone())).append("  ")
                .append(String.join("; ", what)).append('\n'));
    }

    private void gaps(StringBuilder out, Line line, Instant from, Instant until) {
        List<CoverageGap> gaps = CoverageGaps.find(book, from, until).stream()
                .filter(g -> g.lineId().equals(line.id())).toList();
        if (gaps.isEmpty()) {
            out.append("  coverage gaps: none\n");
            return;
        }
        out.append("  coverage gaps:\n");
        for (CoverageGap g : gaps) {
            out.append("    ").append(g.what()).append(": nobody from ").append(time(g.from(), line.zone()))
                    .append(" to ").append(time(g.until(), line.zone())).append(" (").append(g.reason()).append(")\n");
        }
    }

    private static String name(Optional<Person> person) {
        return person.map(Person::name).orElse("nobody");
    }

    private static String time(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }
}
