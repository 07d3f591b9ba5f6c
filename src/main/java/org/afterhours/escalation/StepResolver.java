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
}
