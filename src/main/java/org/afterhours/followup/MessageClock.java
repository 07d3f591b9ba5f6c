package org.afterhours.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.MessageStatus;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/**
 * The one-hour clock of a kept message. At once: the on-call technician (and the help desk's mailbox, whose
 * ticketing opens the trouble ticket). At each step while nobody has acknowledged it: everyone so far again, plus the
 * step's people. At the hour, unless the customer was called back: BREACHED, and everyone told.
 */
final class MessageClock {
    private static final String PRIMARY = "primary";

    private final ClockParts parts;
    private final List<Recipient> helpdesk;

    MessageClock(ClockParts parts, List<Recipient> helpdesk) {
        this.parts = parts;
        this.helpdesk = List.copyOf(helpdesk);
    }

    /** {@link DueKind#MESSAGE_NOTICE}. */
    String messageKept(DueWork item) {
        CallSummary call = parts.call(item);
        List<Recipient> to = new ArrayList<>(parts.recipients().all(List.of(PRIMARY), call.lineId(), item.dueAt()));
        to.addAll(helpdesk);
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.MESSAGE_KEPT, call, to, Map.of()), true);
    }

    /** {@link DueKind#MESSAGE_ESCALATION}, step 1, 2, 3... */
    String stepReached(DueWork item) {
        CallSummary call = parts.call(item);
        MessageStatus status = call.messageStatus().orElse(MessageStatus.RESPONDED);
        if (status != MessageStatus.PENDING_RESPONSE) {
            parts.note(item, AfterCallEventType.MESSAGE_STEP_SKIPPED, "", "step " + item.step() + ": " + status);
            return "nothing to do: " + status;
        }
        List<String> targets = targetsUpTo(item.step());
        List<Recipient> to = parts.recipients().all(targets, call.lineId(), item.dueAt());
        parts.note(item, AfterCallEventType.MESSAGE_ESCALATED, "", "step " + item.step() + ": "
                + String.join(", ", targets));
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.MESSAGE_UNACKNOWLEDGED, call, to,
                Map.of("step", Integer.toString(item.step()))), true);
    }

    /** {@link DueKind#MESSAGE_BREACH}. */
    String hourEnded(DueWork item) {
        CallSummary call = parts.call(item);
        // The breach is the deadline's instant, whenever this node got to it.
        if (!parts.calls().breach(item.reference(), item.dueAt())) {
            if (call.messageStatus().orElse(MessageStatus.RESPONDED) != MessageStatus.BREACHED) {
                return "answered in time";
            }
            // A retry after the status changed but the notices failed: tell them again below.
        } else {
            parts.note(item, AfterCallEventType.MESSAGE_BREACHED, "", "not responded by " + item.dueAt());
        }
        List<String> targets = new ArrayList<>(targetsUpTo(parts.settings().messageSteps().size()));
        targets.addAll(parts.settings().breachRoles());
        List<Recipient> to = parts.recipients().all(targets, call.lineId(), item.dueAt());
        return "BREACHED; " + parts.delivery().deliver(item, parts.writer().write(NoticeKind.MESSAGE_BREACHED, call, to, Map.of()),
                false);
    }

    private List<String> targetsUpTo(int step) {
        List<String> targets = new ArrayList<>(List.of(PRIMARY));
        parts.settings().messageSteps().stream().limit(step).map(MessageStep::adds).forEach(targets::add);
        return targets;
    }

}
