package org.afterhours.escalation;

import java.time.Duration;
import java.util.List;
import org.afterhours.oncall.ContactPoint;
import org.afterhours.oncall.Person;

/**
 * One person to ring in the order a policy yields them for a call.
 *
 * @param round 1 for the first pass through the policy, 2 for its first repeat, …
 * @param step the policy step (1-based) this came from; a role step yields one entry per active person with the
 *        role, all with the same step number
 * @param targetDescription what the step asked for: {@code primary on call}, {@code role Support Manager}
 * @param contactPoints the person's contact points, in order of preference
 * @param ringTimeout how long to ring before giving up on an attempt
 * @param attempts how many times to ring this person in this step
 */
public record PlannedStep(int round, int step, String targetDescription, Person person,
        List<ContactPoint> contactPoints, Duration ringTimeout, int attempts) {
    public PlannedStep {
        contactPoints = List.copyOf(contactPoints);
    }
}
