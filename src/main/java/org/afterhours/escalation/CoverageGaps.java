package org.afterhours.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallPeriod;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.StepTarget;

/**
 * Finds, for every line, the periods in a window where its primary or secondary position, a step of its
 * escalation policy, or the whole policy yields nobody. Gaps are reported whether or not the helpdesk is
 * open at the time: an emergency can come at any hour, and a gap is cheaper to fix before it matters.
 */
public final class CoverageGaps {
    private CoverageGaps() {
    }

    public static List<CoverageGap> find(RuleBook ruleBook, Instant from, Instant until) {
        RuleBook book = ruleBook.snapshot();
        EscalationPlanner planner = EscalationPlanner.over(book);
        List<CoverageGap> gaps = new ArrayList<>();
        for (Line line : book.lines()) {
            TreeSet<Instant> cuts = new TreeSet<>(List.of(from));
            for (Position position : Position.values()) {
                List<OnCallPeriod> timeline = book.timeline(line.rotationId(), position, from, until);
                timeline.forEach(p -> cuts.add(p.from()));
                addEmpty(gaps, line, position.word() + " on call", timeline);
            }
            addCollapsed(gaps, line, book.timeline(line.rotationId(), Position.PRIMARY, from, until),
                    book.timeline(line.rotationId(), Position.SECONDARY, from, until));
            EscalationPolicy policy = book.escalationPolicy(line.escalationPolicyId()).orElse(null);
            if (policy == null) {
                continue;
            }
            for (int s = 0; s < policy.steps().size(); s++) {
                EscalationStep step = policy.steps().get(s);
                String what = "step " + (s + 1) + " (" + step.target().describe() + ")";
                switch (step.target()) {
                    case StepTarget.OnCall o -> { } // the same as the position's gap above
                    case StepTarget.RotationPosition r -> {
                        List<OnCallPeriod> timeline = book.timeline(r.rotationId(), r.position(), from, until);
                        timeline.forEach(p -> cuts.add(p.from()));
                        addEmpty(gaps, line, what, timeline);
                    }
                    case StepTarget.Role r -> {
                        if (book.activeWithRole(r.role()).isEmpty()) {
                            gaps.add(new CoverageGap(line.id(), what, from, until,
                                    "no active person has the role " + r.role()));
                        }
                    }
                    case StepTarget.NamedPerson n -> {
                        if (StepResolver.people(book, line, n, from).isEmpty()) {
                            gaps.add(new CoverageGap(line.id(), what, from, until, n.personId() + " is inactive"));
                        }
                    }
                }
            }
            wholePolicy(gaps, line, planner, new ArrayList<>(cuts), until);
        }
        return List.copyOf(gaps);
    }

    private static void addEmpty(List<CoverageGap> gaps, Line line, String what, List<OnCallPeriod> timeline) {
        for (OnCallPeriod period : timeline) {
            if (period.person().isEmpty()) {
                gaps.add(new CoverageGap(line.id(), what, period.from(), period.until(), period.source()));
            }
        }
    }

    /**
     * Where primary and secondary are the same person (an override made the week's secondary primary, or the other
     * way round): the position is filled on paper but gives no second person of its own. An emergency then rings the
     * rotation's next person instead; the gap says so, so that someone fixes the override.
     */
    private static void addCollapsed(List<CoverageGap> gaps, Line line, List<OnCallPeriod> primary,
                                     List<OnCallPeriod> secondary) {
        TreeSet<Instant> cuts = new TreeSet<>();
        primary.forEach(p -> cuts.add(p.from()));
        secondary.forEach(p -> cuts.add(p.from()));
        if (primary.isEmpty() || secondary.isEmpty()) {
            return;
        }
        Instant end = primary.getLast().until();
        List<Instant> starts = new ArrayList<>(cuts);
        CoverageGap open = null;
        for (int i = 0; i < starts.size(); i++) {
            Instant at = starts.get(i);
            Instant next = i + 1 < starts.size() ? starts.get(i + 1) : end;
            OnCallPeriod p = periodAt(primary, at);
            OnCallPeriod s = periodAt(secondary, at);
            boolean same = p != null && s != null && p.person().isPresent()
                    && p.person().map(x -> x.id()).equals(s.person().map(x -> x.id()));
            if (same && open != null && open.until().equals(at)) {
                open = new CoverageGap(open.lineId(), open.what(), open.from(), next, open.reason());
                gaps.set(gaps.size() - 1, open);
            } else if (same) {
                String source = s.source().startsWith("rotation ") ? p.source() : s.source();
                open = new CoverageGap(line.id(), "secondary on call", at, next, "same person as primary: "
                        + p.person().get().name() + " (" + source + "); the rotation's next person is rung instead");
                gaps.add(open);
            } else {
                open = null;
            }
        }
    }

    private static OnCallPeriod periodAt(List<OnCallPeriod> timeline, Instant at) {
        for (OnCallPeriod period : timeline) {
            if (!at.isBefore(period.from()) && at.isBefore(period.until())) {
                return period;
            }
        }
        return null;
    }

    /** Nobody at all: checked on every interval between the instants where any rotation's holder changes. */
    private static void wholePolicy(List<CoverageGap> gaps, Line line, EscalationPlanner planner, List<Instant> cuts,
            Instant until) {
        Instant gapStart = null;
        for (int i = 0; i <= cuts.size(); i++) {
            Instant at = i < cuts.size() ? cuts.get(i) : until;
            boolean nobody = i < cuts.size() && planner.plan(line.id(), at).isEmpty();
            if (nobody && gapStart == null) {
                gapStart = at;
            } else if (!nobody && gapStart != null) {
                gaps.add(new CoverageGap(line.id(), "whole policy", gapStart, at,
                        "no step yields anyone: callers can only leave voicemail"));
                gapStart = null;
            }
        }
    }
}
