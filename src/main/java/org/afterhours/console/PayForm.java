package org.afterhours.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterhours.calllog.CallAttempt;
import org.afterhours.calllog.CallSummary;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.PayWeek;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RuleBook;

/**
 * The Emergency Support Line Pay form of one line and week, per technician: hours held as primary and secondary
 * (the rule book, overrides and temporary schedules included), calls taken (they pressed 1), calls escalated to
 * them (rung at a later step of the policy than the first), and their entries still incomplete. The procedure pays
 * only for completed entries, so a technician with an incomplete entry cannot hand the form in.
 *
 * <p>An entry is a technician's to complete when they took the call, or, for an after-hours call nobody took (a
 * message, a hang-up), when they were primary on call as it came in.
 */
final class PayForm {

    record Row(String personId, String name, Duration primary, Duration secondary, List<String> taken,
            List<String> escalatedToThem, List<String> incomplete) {
        boolean blocked() {
            return !incomplete.isEmpty();
        }
    }

    private PayForm() {
    }

    static List<Row> of(RuleBook ruleBook, Line line, PayWeek.Week week, List<CallSummary> calls,
            List<CallAttempt> attempts) {
        Map<String, PayWeek.PositionsHeld> hours = PayWeek.totals(ruleBook, line.id(), week.from(), week.until());
        Set<String> lineCalls = new LinkedHashSet<>();
        Map<String, List<String>> taken = new LinkedHashMap<>();
        Map<String, List<String>> incomplete = new LinkedHashMap<>();
        for (CallSummary call : calls) {
            if (!line.id().equals(call.lineId()) || call.startedAt().isBefore(week.from())
                    || !call.startedAt().isBefore(week.until())) {
                continue;
            }
            lineCalls.add(call.reference());
            if (call.acceptedBy() != null) {
                taken.computeIfAbsent(call.acceptedBy(), p -> new ArrayList<>()).add(call.reference());
            }
            if (!call.complete() && !call.live() && !call.businessHours()) {
                String owner = call.acceptedBy() != null ? call.acceptedBy()
                        : ruleBook.onCall(line.id(), Position.PRIMARY, call.startedAt()).map(Person::id).orElse(null);
                if (owner != null) {
                    incomplete.computeIfAbsent(owner, p -> new ArrayList<>()).add(call.reference());
                }
            }
        }
        Map<String, Set<String>> escalated = new LinkedHashMap<>();
        for (CallAttempt a : attempts) {
            if (lineCalls.contains(a.reference()) && a.step() != null && a.step() > 1) {
                escalated.computeIfAbsent(a.personId(), p -> new LinkedHashSet<>()).add(a.reference());
            }
        }
        Set<String> people = new LinkedHashSet<>(hours.keySet());
        people.addAll(taken.keySet());
        people.addAll(escalated.keySet());
        people.addAll(incomplete.keySet());
        List<Row> rows = new ArrayList<>();
        for (String id : people) {
            PayWeek.PositionsHeld held = hours.getOrDefault(id, new PayWeek.PositionsHeld(Duration.ZERO,
                    Duration.ZERO));
            rows.add(new Row(id, ruleBook.person(id).map(Person::name).orElse(id), held.primary(), held.secondary(),
                    taken.getOrDefault(id, List.of()), List.copyOf(escalated.getOrDefault(id, Set.of())),
                    incomplete.getOrDefault(id, List.of())));
        }
        return rows;
    }
}
