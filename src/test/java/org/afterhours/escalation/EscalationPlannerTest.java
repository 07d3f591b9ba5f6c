package org.afterhours.escalation;

import static org.afterhours.oncall.Fixtures.inactive;
import static org.afterhours.oncall.Fixtures.person;
import static org.afterhours.oncall.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.StepTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plans written as "round.step person": what a call at that instant will ring, in order. */
@Tag("clock")
class EscalationPlannerTest {

    /** Monday 2026-11-23 21:00 Chicago: the week of bob (primary) and carol (secondary). */
    private static final Instant MONDAY_NIGHT = Instant.parse("2026-11-24T03:00:00Z");

    @Test
    void theProcedureChainIsPrimarySecondaryHostedAdministratorSupportManager() {
        RuleBook book = Fixtures.procedure().book();

        assertEquals(List.of("1.1 bob", "1.2 carol", "1.3 dave", "1.4 erin"), plan(book, MONDAY_NIGHT));
        PlannedStep first = EscalationPlanner.over(book).plan("main", MONDAY_NIGHT).getFirst();
        assertEquals("primary on call", first.targetDescription());
        assertEquals("PJSIP/bob", first.contactPoints().getFirst().dialString());
        assertEquals(Duration.ofSeconds(30), first.ringTimeout());
    }

    @ParameterizedTest(name = "repeat {0}")
    @CsvSource({"0, 4", "1, 8", "2, 12"})
    void repeatsExpandIntoRounds(int repeat, int entries) {
        Fixtures.Setup setup = Fixtures.procedure();
        RuleBook book = setup.onlyPolicy(Fixtures.defaultPolicy(repeat)).book();

        List<String> plan = plan(book, MONDAY_NIGHT);

        assertEquals(entries, plan.size());
        assertEquals("1.1 bob", plan.getFirst());
        assertEquals((repeat + 1) + ".4 erin", plan.getLast());
        if (repeat > 0) {
            assertEquals("2.1 bob", plan.get(4));
        }
    }

    @Test
    void stepsThatYieldNobodyAreSkipped() {
        // alice alone in her rotation: no secondary; the only Hosted Administrator is inactive
        RuleBook book = new Fixtures.Setup()
                .people(person("alice", "technician"), inactive("dave", "Hosted Administrator"),
                        person("erin", "Support Manager"))
                .rotation(Fixtures.weekly("techs", "alice"))
                .policy(Fixtures.defaultPolicy(1))
                .line(Fixtures.line("main", "913-201-6503", "techs", "default")).book();

        assertEquals(List.of("1.1 alice", "1.4 erin", "2.1 alice", "2.4 erin"), plan(book, MONDAY_NIGHT));
    }

    @Test
    void aRoleStepRingsEveryActivePersonWithTheRoleInListOrder() {
        RuleBook book = new Fixtures.Setup()
                .people(person("alice", "technician"), person("zoe", "Support Manager"),
                        inactive("yann", "Support Manager"), person("erin", "Support Manager"))
                .rotation(Fixtures.weekly("techs", "alice"))
                .policy(new EscalationPolicy("p", "p", List.of(step(new StepTarget.Role("Support Manager"))), 0))
                .line(Fixtures.line("main", "100", "techs", "p")).book();

        assertEquals(List.of("1.1 zoe", "1.1 erin"), plan(book, MONDAY_NIGHT));
    }

    @Test
    void namedPeopleAndPositionsOfAnotherRotation() {
        Fixtures.Setup setup = Fixtures.procedure()
                .people(person("nina", "technician"), person("omar", "technician"))
                .rotation(Fixtures.weekly("backup", "nina", "omar"));
        RuleBook book = setup.onlyPolicy(new EscalationPolicy("default", "default", List.of(
                new EscalationStep(new StepTarget.NamedPerson("erin"), Duration.ofSeconds(20), 3),
                step(new StepTarget.RotationPosition("backup", Position.SECONDARY))), 0)).book();

        List<PlannedStep> plan = EscalationPlanner.over(book).plan("main", MONDAY_NIGHT);

        // week 46 of "backup": 46 is even, so nina is primary and omar secondary
        assertEquals(List.of("1.1 erin", "1.2 omar"), plan(book, MONDAY_NIGHT));
        assertEquals(3, plan.getFirst().attempts());
        assertEquals("secondary of rotation backup", plan.get(1).targetDescription());
    }

    @Test
    void theFiveTierContractChain() {
        RuleBook book = new Fixtures.Setup()
                .people(person("frank", "Help Desk"), person("grace", "Help Desk"), person("ivan", "Account Manager"),
                        person("judy", "Account Director"), person("ken", "Senior Account Director"),
                        person("laura", "VP of Client Care"))
                .rotation(Fixtures.weekly("client-care", "frank", "grace"))
                .policy(new EscalationPolicy("contract", "Contract escalation", List.of(
                        step(new StepTarget.OnCall(Position.PRIMARY)),
                        step(new StepTarget.Role("Account Manager")),
                        step(new StepTarget.Role("Account Director")),
                        step(new StepTarget.Role("Senior Account Director")),
                        step(new StepTarget.Role("VP of Client Care"))), 0))
                .line(Fixtures.line("county", "(866) 435-7684", "client-care", "contract")).book();

        List<PlannedStep> plan = EscalationPlanner.over(book).plan("county", MONDAY_NIGHT);

        assertEquals(List.of("1.1 frank", "1.2 ivan", "1.3 judy", "1.4 ken", "1.5 laura"), plan(book, "county", MONDAY_NIGHT));
        assertEquals(List.of("primary on call", "role Account Manager", "role Account Director",
                "role Senior Account Director", "role VP of Client Care"),
                plan.stream().map(PlannedStep::targetDescription).toList());
    }

    @Test
    void whenAnOverrideMakesTheWeeksSecondaryPrimaryTheDisplacedPrimaryIsRungSecond() {
        // bob's week, carol second; carol covers Monday night as primary, so the secondary position is carol too.
        RuleBook book = Fixtures.procedure().override(Fixtures.override("swap", Position.PRIMARY, "carol", null,
                "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", "2026-11-20T00:00:00Z")).book();

        List<PlannedStep> plan = EscalationPlanner.over(book).plan("main", MONDAY_NIGHT);

        assertEquals(List.of("1.1 carol", "1.2 bob", "1.3 dave", "1.4 erin"), plan(book, MONDAY_NIGHT));
        assertEquals("secondary on call, next in rotation: Carol is rung already", plan.get(1).targetDescription());
    }

    @Test
    void whenAnOverrideMakesThePrimarySecondaryTooTheNextMemberNotYetRungIsRung() {
        // bob's week, carol second; bob also covers the secondary position on Monday night.
        RuleBook book = Fixtures.procedure().override(Fixtures.override("double", Position.SECONDARY, "bob", null,
                "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", "2026-11-20T00:00:00Z")).book();

        assertEquals(List.of("1.1 bob", "1.2 carol", "1.3 dave", "1.4 erin"), plan(book, MONDAY_NIGHT));
    }

    @Test
    void anUnknownLineHasNoPlan() {
        assertEquals(List.of(), EscalationPlanner.over(Fixtures.procedure().book()).plan("nope", MONDAY_NIGHT));
    }

    static List<String> plan(RuleBook book, Instant at) {
        return plan(book, "main", at);
    }

    static List<String> plan(RuleBook book, String line, Instant at) {
        return EscalationPlanner.over(book).plan(line, at).stream()
                .map(p -> p.round() + "." + p.step() + " " + p.person().id()).toList();
    }
}
