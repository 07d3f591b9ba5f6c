package org.afterhours.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.RuleBook;

/** Expands a line's escalation policy into the people to ring at one instant. */
final class PolicyPlanner implements EscalationPlanner {
    private final RuleBook ruleBook;

    PolicyPlanner(RuleBook ruleBook) {
        this.ruleBook = ruleBook;
    }

    @Override
    public List<PlannedStep> plan(String lineId, Instant at) {
        RuleBook book = ruleBook.snapshot(); // one consistent view, even if a refresh lands meanwhile
        Optional<Line> line = book.lineById(lineId);
        Optional<EscalationPolicy> policy = line.flatMap(l -> book.escalationPolicy(l.escalationPolicyId()));
        if (policy.isEmpty()) {
            return List.of();
        }
        List<PlannedStep> oneRound = new ArrayList<>();
        List<EscalationStep> steps = policy.get().steps();
        for (int s = 0; s < steps.size(); s++) {
            EscalationStep step = steps.get(s);
            for (Person resolved : StepResolver.people(book, line.get(), step.target(), at)) {
                Person person = resolved;
                String description = step.target().describe();
                Optional<Person> instead = alreadyPlanned(oneRound, resolved)
                        ? StepResolver.nextDistinct(book, line.get(), step.target(), at, planned(oneRound))
                        : Optional.empty();
                if (instead.isPresent()) {
                    // An override made this position's holder someone already rung (the week's secondary made
                    // primary): the rotation's next person not yet rung takes the step, so a second phone rings.
                    person = instead.get();
                    description = description + ", next in rotation: " + resolved.name() + " is rung already";
                }
                oneRound.add(new PlannedStep(1, s + 1, description, person, person.contactPoints(),
                        step.ringTimeout(), step.attempts()));
            }
        }
        // Who a step yields depends only on the instant, so every round is the first one again.
        List<PlannedStep> plan = new ArrayList<>();
        for (int round = 1; round <= policy.get().repeat() + 1; round++) {
            for (PlannedStep p : oneRound) {
                plan.add(new PlannedStep(round, p.step(), p.targetDescription(), p.person(), p.contactPoints(),
                        p.ringTimeout(), p.attempts()));
            }
        }
        return List.copyOf(plan);
    }

    private static boolean alreadyPlanned(List<PlannedStep> round, Person person) {
        return round.stream().anyMatch(p -> p.person().id().equals(person.id()));
    }

    private static java.util.Set<String> planned(List<PlannedStep> round) {
        return round.stream().map(p -> p.person().id()).collect(java.util.stream.Collectors.toSet());
    }
}
