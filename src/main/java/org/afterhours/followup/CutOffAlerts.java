package org.afterhours.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/**
 * {@link DueKind#EMERGENCY_CUT_OFF}: an emergency caller was cut off when a node died while they waited for a
 * technician. Everyone who can call them back is told at once: the on-call technicians of the line and the roles told
 * of a breach (the Hosted Administrator and the Support Manager by default). A failed delivery is retried like every
 * due item, and each delivery is recorded once.
 */
final class CutOffAlerts {
    private final ClockParts parts;

    CutOffAlerts(ClockParts parts) {
        this.parts = parts;
    }

    String alert(DueWork item) {
        CallSummary call = parts.call(item);
        List<String> targets = new ArrayList<>(List.of("primary", "secondary"));
        targets.addAll(parts.settings().breachRoles());
        List<Recipient> to = parts.recipients().all(targets, call.lineId(), item.dueAt());
        // The step the call was last heard at, recorded when the cut-off was found (FollowUps.alertEmergencyCutOff).
        String lastStep = parts.record().of(item.reference()).stream()
                .filter(e -> e.type() == AfterCallEventType.EMERGENCY_CUT_OFF).findFirst()
                .map(AfterCallEvent::detail).orElse("");
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.EMERGENCY_CUT_OFF, call, to,
                lastStep.isEmpty() ? Map.of() : Map.of("lastStep", lastStep)), false);
    }
}
