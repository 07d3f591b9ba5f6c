package org.afterhours.escalation;

import java.time.Instant;
import java.util.List;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.StepTarget;
import org.afterhours.oncall.Person;

/** Who one step's target means at one instant, for one line. */
final class StepResolver {
    private StepResolver() {
    }

    static List<Person> people(RuleBook book, Line line, StepTarget target, Instant at) {
        return switch (target) {
            case StepTarget.OnCall o -> book.onCallInRotation(line.rotationId(), o.position(), at).stream().toList();
            case StepTarget.RotationPosition r -> book.onCallInRotation(r.rotationId(), r.position(), at).stream().toList();
            case StepTarget.Role r -> book.activeWithRole(r.role());
            case StepTarget.NamedPerson n -> book.person(n.personId()).filter(Person::active).stream().toList();
        };
    }

    /**
     * For a rotation position's step whose holder is rung already: the rotation's first member, in turn order from
     * the shift's own primary, who is not in {@code planned}. Empty for other targets (a role or a named person
     * means those people, not a stand-in) and when everyone in the rotation is planned already.
     */
    static java.util.Optional<Person> nextDistinct(RuleBook book, Line line, StepTarget target, Instant at,
                                                   java.util.Set<String> planned) {
        String rotationId = switch (target) {
            case StepTarget.OnCall o -> line.rotationId();
            case StepTarget.RotationPosition r -> r.rotationId();
            case StepTarget.Role r -> null;
            case StepTarget.NamedPerson n -> null;
        };
        if (rotationId == null) {
            return java.util.Optional.empty();
        }
        return book.rotationOrder(rotationId, at).stream().filter(p -> !planned.contains(p.id())).findFirst();
    }
}
