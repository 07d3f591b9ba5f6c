package org.afterhours.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.escalation.CoverageGap;
import org.afterhours.escalation.CoverageGaps;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;

/**
 * The managers hear of coverage gaps before they matter: once a day, and soon after a setup is imported, a notice
 * lists every time in the days ahead when a line's rotation or escalation yields nobody. Nothing is sent when there
 * are none. These deadlines belong to no call: their reference is {@link #NO_CALL}.
 */
public final class CoverageWarnings {
    /** The reference of deadlines that belong to no call. */
    public static final ReferenceNumber NO_CALL = new ReferenceNumber("0");
    /** After an import, the running servers' rule books refresh within seconds: look once they have. */
    private static final Duration AFTER_IMPORT = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", java.util.Locale.US);

    private final DueWorkQueue queue;
    private final RuleBook rules;
    private final ClockParts parts;

    CoverageWarnings(DueWorkQueue queue, RuleBook rules, ClockParts parts) {
        this.queue = queue;
        this.rules = rules;
        this.parts = parts;
    }

    /** The daily warning at the next {@code hourUtc}:00 after {@code now}. */
    public static DueWork nextDaily(Instant now, int hourUtc) {
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(hourUtc, 0).toInstant(ZoneOffset.UTC);
        Instant next = today.isAfter(now) ? today : today.plus(Duration.ofDays(1));
        return DueWork.at(NO_CALL, DueKind.COVERAGE_DAILY, (int) LocalDate.ofInstant(next, ZoneOffset.UTC)
                .toEpochDay(), next);
    }

    /** The warning owed by an import at {@code now}. */
    public static DueWork afterImport(Instant now) {
        return DueWork.at(NO_CALL, DueKind.COVERAGE_IMPORTED, (int) (now.getEpochSecond() / 60),
                now.plus(AFTER_IMPORT));
    }

    /** {@link DueKind#COVERAGE_DAILY} and {@link DueKind#COVERAGE_IMPORTED}. */
    String warn(DueWork item) {
        AfterCallSettings settings = parts.settings();
        if (item.kind() == DueKind.COVERAGE_DAILY) {
            // The next day's first, so the chain goes on whatever happens to this one.
            queue.schedule(List.of(nextDaily(item.dueAt(), settings.coverageHourUtc())));
        }
        Instant from = parts.clock().instant();
        List<CoverageGap> gaps = CoverageGaps.find(rules, from, from.plus(settings.coverageWindow()));
        if (gaps.isEmpty()) {
            return "no coverage gaps in the next " + settings.coverageWindow().toDays() + " days";
        }
        List<Recipient> to = parts.recipients().all(settings.breachRoles(), "", from);
        StringBuilder list = new StringBuilder(gaps.size() + " coverage gap(s) in the next "
                + settings.coverageWindow().toDays() + " days:\n");
        for (CoverageGap gap : gaps) {
            Line line = rules.lineById(gap.lineId()).orElse(null);
            java.time.ZoneId zone = line == null ? Line.DEFAULT_ZONE : line.zone();
            list.append("\n- ").append(line == null ? gap.lineId() : line.name()).append(": ").append(gap.what())
                    .append(", ").append(TIME.format(gap.from().atZone(zone))).append(" to ")
                    .append(TIME.format(gap.until().atZone(zone))).append(" (").append(gap.reason()).append(')');
        }
        Notice notice = new Notice(NoticeKind.COVERAGE_GAPS, NO_CALL.digits(),
                to.isEmpty() ? Recipient.address("(nobody)") : to.get(0), to,
                "Coverage gaps in the next " + settings.coverageWindow().toDays() + " days: " + gaps.size(),
                list.toString(), Map.of(), "", "");
        return gaps.size() + " gap(s); " + parts.delivery().deliver(item, notice, false);
    }
}
