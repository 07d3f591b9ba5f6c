package org.afterhours.escalation;

import java.time.Instant;
import java.util.List;
import org.afterhours.oncall.RuleBook;

/** Whom a call to a line rings, in order, when it needs a technician. */
public interface EscalationPlanner {

    /**
     * The people the line's escalation policy yields at {@code at}, in the order to ring them: steps in
     * order, a step that yields nobody skipped, the whole chain repeated as the policy's rounds. Empty for
     * an unknown line (the caller can only leave voicemail).
     */
    List<PlannedStep> plan(String lineId, Instant at);

    /** A planner over {@code ruleBook}; each plan reads one snapshot of it. */
    static EscalationPlanner over(RuleBook ruleBook) {
        return new PolicyPlanner(ruleBook);
    }
}
