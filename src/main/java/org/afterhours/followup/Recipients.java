package org.afterhours.followup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.escalation.Recipient;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;

/** Who a target word means at an instant: the line's primary or secondary, or everyone active with a role. */
final class Recipients {
    private final RuleBook rules;

    Recipients(RuleBook rules) {
        this.rules = rules;
    }

    /** @param target {@code primary}, {@code secondary} or a role name */
    List<Person> resolve(String target, String lineId, Instant at) {
        for (Position position : Position.values()) {
            if (position.word().equalsIgnoreCase(target)) {
                return rules.onCall(lineId, position, at).stream().toList();
            }
        }
        return rules.activeWithRole(target);
    }

    /** Everyone {@code targets} name, each once, in order. */
    List<Recipient> all(Collection<String> targets, String lineId, Instant at) {
        Map<String, Recipient> everyone = new LinkedHashMap<>();
        for (String target : targets) {
            resolve(target, lineId, at).forEach(p -> everyone.putIfAbsent(p.id(), Recipient.of(p)));
        }
        return new ArrayList<>(everyone.values());
    }

    /** Whoever handled the call: the technician who accepted it, else the line's primary when it came in. */
    Optional<Person> handlerOf(CallSummary call) {
        return call.acceptedBy().flatMap(rules::person)
                .or(() -> rules.onCall(call.lineId(), Position.PRIMARY, call.startedAt()));
    }

    /** The person's name, or the id when the setup no longer has them. */
    String nameOf(String personId) {
        return rules.person(personId).map(Person::name).orElse(personId);
    }

    String lineName(String lineId) {
        return rules.lineById(lineId).map(Line::name).orElse(lineId);
    }
}
