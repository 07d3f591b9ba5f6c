package org.afterhours.escalation;

import java.time.Duration;
import java.util.List;

/**
 * How the search for a technician behaves (the policy itself, whom to ring, comes from the rule book).
 *
 * @param screeningTimeout how long an answered person has to press a key (after which it is a voicemail pickup)
 * @param callerIdNumber   the number technicians' phones show (the after-hours line's own)
 * @param alertRoles       roles alerted when a technician accepts or nobody does (Hosted Administrator, ...)
 * @param alertRingTimeout how long an alert call rings
 */
public record EscalationSettings(Duration screeningTimeout, String callerIdNumber,
                                 List<String> alertRoles, Duration alertRingTimeout) {
    public EscalationSettings {
        alertRoles = List.copyOf(alertRoles);
    }

    public static EscalationSettings defaults() {
        return new EscalationSettings(Duration.ofSeconds(30), "",
                List.of("Hosted Administrator", "Support Manager"), Duration.ofSeconds(30));
    }
}
