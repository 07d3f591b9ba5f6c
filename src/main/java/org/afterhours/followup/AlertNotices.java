package org.afterhours.followup;

import java.util.List;
import java.util.Map;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/**
 * The written alerts to the alert roles (escalation.alert-roles: the Hosted Administrator and the Support Manager by
 * default), sent from the due table like every other notice: recorded, retried on a failing channel, sent once
 * across nodes. The alert call itself is placed live by the caller's node; these are what is left in writing.
 */
final class AlertNotices {
    private final ClockParts parts;
    private final List<String> alertRoles;

    AlertNotices(ClockParts parts, List<String> alertRoles) {
        this.parts = parts;
        this.alertRoles = List.copyOf(alertRoles);
    }

    /** {@link DueKind#EMERGENCY_OUTCOME_ALERT}: who accepted the emergency, or that nobody did. */
    String emergencyOutcome(DueWork item) {
        CallSummary call = parts.call(item);
        List<Recipient> to = parts.recipients().all(alertRoles, call.lineId(), item.dueAt()).stream()
                .filter(r -> call.acceptedBy().map(accepted -> !accepted.equals(r.id())).orElse(true)).toList();
        if (call.acceptedBy().isEmpty()) {
            return parts.delivery().deliver(item, parts.writer().write(NoticeKind.EMERGENCY_NOT_ACCEPTED, call, to,
                    Map.of()), false);
        }
        String name = parts.recipients().nameOf(call.acceptedBy().get());
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.EMERGENCY_ACCEPTED, call, to,
                Map.of("acceptedByName", name)), false);
    }

    /** {@link DueKind#RECORDING_FAILED_ALERT}. */
    String recordingFailed(DueWork item) {
        CallSummary call = parts.call(item);
        List<Recipient> to = parts.recipients().all(alertRoles, call.lineId(), item.dueAt());
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.RECORDING_FAILED, call, to, Map.of()),
                false);
    }
}
