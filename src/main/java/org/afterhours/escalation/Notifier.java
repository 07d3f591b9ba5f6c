package org.afterhours.escalation;

import org.afterhours.oncall.Person;

/**
 * Sends a written message to a person (email, later other channels). Implementations must not block a call:
 * queue and return.
 */
public interface Notifier {
    void notify(Person person, String subject, String body);
}
