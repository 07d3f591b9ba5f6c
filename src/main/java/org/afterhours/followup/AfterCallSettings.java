package org.afterhours.followup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The clocks after a call, from configuration.
 *
 * @param messageSteps          the one-hour clock's escalation steps, in order
 * @param messageBreach         a message not responded to this long after it was kept is BREACHED
 * @param followUpDue           a follow-up is due this long after the call
 * @param followUpReminder      the reminder goes to whoever handled the call this long after the call
 * @param followUpNonEmergency  whether non-emergency calls (no message) owe a follow-up too
 * @param emergencyResponse     the contract's time from the caller's key to a technician's acceptance
 * @param responseSettle        how long after {@code emergencyResponse} the clock is read, so that an acceptance in
 *                              the last second has reached the database (the call log is written in the background)
 * @param managerRole           the role told of an overdue follow-up
 * @param breachRoles           roles told when a clock is breached (besides everyone told of the message so far),
 *                              and of coverage gaps
 * @param coverageHourUtc       the hour of the day (UTC) the daily coverage warning goes out
 * @param coverageWindow        how far ahead the coverage warning looks
 */
public record AfterCallSettings(List<MessageStep> messageSteps, Duration messageBreach, Duration followUpDue,
                                Duration followUpReminder, boolean followUpNonEmergency, Duration emergencyResponse,
                                Duration responseSettle, String managerRole, List<String> breachRoles,
                                int coverageHourUtc, Duration coverageWindow) {
    public static final AfterCallSettings DEFAULTS = new AfterCallSettings(
            MessageStep.parseAll("15 secondary; 30 Hosted Administrator; 45 Support Manager"), Duration.ofMinutes(60),
            Duration.ofHours(24), Duration.ofHours(20), false, Duration.ofMinutes(15), Duration.ofMinutes(1),
            "Support Manager", List.of("Hosted Administrator", "Support Manager"), 13, Duration.ofDays(14));

    public AfterCallSettings {
        messageSteps = List.copyOf(messageSteps);
        breachRoles = List.copyOf(breachRoles);
        Objects.requireNonNull(managerRole, "managerRole");
        if (!messageSteps.isEmpty() && messageSteps.get(messageSteps.size() - 1).after().compareTo(messageBreach) >= 0) {
            throw new IllegalArgumentException("every message step must come before the breach at " + messageBreach);
        }
        if (coverageHourUtc < 0 || coverageHourUtc > 23) {
            throw new IllegalArgumentException("the coverage warning's hour is 0 to 23, not " + coverageHourUtc);
        }
        if (followUpReminder.compareTo(followUpDue) >= 0) {
            throw new IllegalArgumentException("the follow-up reminder must come before the follow-up is due");
        }
    }
}
