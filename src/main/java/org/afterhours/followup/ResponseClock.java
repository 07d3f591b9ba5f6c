package org.afterhours.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/**
 * The contract's emergency response time: from the caller's key to a technician's 1. Read once the time is up (plus
 * a moment for the call log to catch up): accepted in time, or a breach, recorded, and the managers told. A search
 * still running then and an urgent message (nobody accepted) are both breaches. And an emergency caller cut off when
 * a node died while they waited: everyone who can call them back is told at once.
 */
final class ResponseClock {
    private final ClockParts parts;

    ResponseClock(ClockParts parts) {
        this.parts = parts;
    }

    /** {@link DueKind#EMERGENCY_RESPONSE}. */
    String timeUp(DueWork item) {
        CallSummary call = parts.call(item);
        AfterCallSettings settings = parts.settings();
        Instant keyPressed = call.triagedAt().orElse(item.dueAt().minus(settings.responseSettle())
                .minus(settings.emergencyResponse()));
        Instant deadline = keyPressed.plus(settings.emergencyResponse());
        if (call.acceptedAt().filter(at -> !at.isAfter(deadline)).isPresent()) {
            Duration took = Duration.between(keyPressed, call.acceptedAt().get());
            parts.note(item, AfterCallEventType.EMERGENCY_RESPONSE_MET, call.acceptedBy().orElse(""),
                    "accepted after " + took.toSeconds() + " s");
            return "met: accepted after " + took.toSeconds() + " s";
        }
        parts.calls().responseBreached(item.reference(), deadline);
        parts.note(item, AfterCallEventType.EMERGENCY_RESPONSE_BREACHED, "",
                call.acceptedAt().map(at -> "accepted late, at " + at).orElse("not accepted by " + deadline));
        List<Recipient> to = parts.recipients().all(settings.breachRoles(), call.lineId(), deadline);
        return "BREACHED; " + parts.delivery().deliver(item, parts.writer().write(NoticeKind.EMERGENCY_RESPONSE_BREACHED, call, to,
                Map.of("responseMinutes", Long.toString(settings.emergencyResponse().toMinutes()))), false);
    }

    /**
     * {@link DueKind#EMERGENCY_CUT_OFF}: the line's on-call technicians and the roles told of a breach (the Hosted
     * Administrator and the Support Manager by default). A failed delivery is retried for that person only.
     */
    String cutOff(DueWork item) {
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
