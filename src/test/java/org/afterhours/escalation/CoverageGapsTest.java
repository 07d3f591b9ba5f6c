package org.afterhours.escalation;

import static org.afterhours.oncall.Fixtures.inactive;
import static org.afterhours.oncall.Fixtures.override;
import static org.afterhours.oncall.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("clock")
class CoverageGapsTest {
    private static final Instant FROM = Instant.parse("2026-11-23T14:00:00Z"); // Monday 08:00 CST, a hand-off
    private static final Instant UNTIL = Instant.parse("2026-12-07T14:00:00Z"); // 14 days later

    @Test
    void aFullyStaffedSetupHasNoGaps() {
        assertEquals(List.of(), CoverageGaps.find(Fixtures.procedure().book(), FROM, UNTIL));
    }

    @Test
    void positionsAndStepsThatYieldNobodyAreReportedWithTheirPeriodAndReason() {
        // alice and bob alternate weekly (no gap); bob is inactive, so his weeks have no primary and alice's no
        // secondary; the Hosted Administrator is inactive too.
        RuleBook book = new Fixtures.Setup()
                .people(person("alice", "technician"), inactive("bob", "technician"),
                        inactive("dave", "Hosted Administrator"), person("erin", "Support Manager"))
                .rotation(Fixtures.weekly("techs", "alice", "bob"))
                .policy(Fixtures.defaultPolicy(0))
                .line(Fixtures.line("main", "913-201-6503", "techs", "default"))
                .override(new org.afterhours.oncall.OnCallOverride("cover", "techs", Position.PRIMARY, "erin", null,
                        Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"),
                        Instant.parse("2026-11-20T00:00:00Z"), null))
                .book();

        List<String> gaps = CoverageGaps.find(book, FROM, UNTIL).stream()
                .map(g -> g.lineId() + " " + g.what() + " " + g.from() + " " + g.until() + " " + g.reason())
                .toList();

        // week 46 (from 11-23) is even: alice primary, bob (inactive) secondary; week 47: bob primary
        assertEquals(List.of(
                "main primary on call 2026-11-30T14:00:00Z 2026-12-01T00:00:00Z rotation techs (bob is inactive)",
                "main primary on call 2026-12-02T00:00:00Z 2026-12-07T14:00:00Z rotation techs (bob is inactive)",
                "main secondary on call 2026-11-23T14:00:00Z 2026-11-30T14:00:00Z rotation techs (bob is inactive)",
                "main step 3 (role Hosted Administrator) 2026-11-23T14:00:00Z 2026-12-07T14:00:00Z"
                        + " no active person has the role Hosted Administrator"), gaps);
    }

    @Test
    void anOverrideThatMakesTheSecondaryThePrimaryIsReportedAsASecondaryGap() {
        RuleBook book = Fixtures.procedure().override(override("swap", Position.PRIMARY, "carol", null,
                "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", "2026-11-20T00:00:00Z")).book();

        List<String> gaps = CoverageGaps.find(book, FROM, UNTIL).stream()
                .map(g -> g.what() + " " + g.from() + " " + g.until() + " " + g.reason()).toList();

        assertEquals(List.of("secondary on call 2026-11-24T00:00:00Z 2026-11-25T00:00:00Z same person as primary: Carol"
                + " (override swap); the rotation's next person is rung instead"), gaps);
    }

    @Test
    void whenNoStepYieldsAnyoneTheWholePolicyIsAGap() {
        RuleBook book = new Fixtures.Setup()
                .people(person("alice", "technician"), inactive("bob", "technician"),
                        inactive("dave", "Hosted Administrator"), inactive("erin", "Support Manager"))
                .rotation(Fixtures.weekly("techs", "alice", "bob"))
                .policy(Fixtures.defaultPolicy(0))
                .line(Fixtures.line("main", "913-201-6503", "techs", "default"))
                .override(override("away", Position.PRIMARY, "bob", "alice",
                        "2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-20T00:00:00Z"))
                .book();

        List<CoverageGap> whole = CoverageGaps.find(book, FROM, UNTIL).stream()
                .filter(g -> g.what().equals("whole policy")).toList();

        // alice's week has bob (inactive) as secondary; the override hands her primary day to inactive bob too.
        // bob's week (from 11-30) has alice as secondary, so someone is always reachable there.
        assertEquals(List.of(new CoverageGap("main", "whole policy", Instant.parse("2026-11-25T00:00:00Z"),
                Instant.parse("2026-11-26T00:00:00Z"), "no step yields anyone: callers can only leave voicemail")), whole);
        assertEquals(List.of(), EscalationPlanner.over(book).plan("main", Instant.parse("2026-11-25T12:00:00Z")));
    }
}
