package org.afterhours.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/** The 24-hour follow-up: a reminder to whoever handled the call, then "overdue" to the Support Manager. */
final class FollowUpClock {
    private final FollowUpBook book;
    private final ClockParts parts;

    FollowUpClock(FollowUpBook book, ClockParts parts) {
        this.book = book;
        this.parts = parts;
    }

    /** {@link DueKind#FOLLOW_UP_REMINDER}. */
    String remind(DueWork item) {
        Optional<FollowUp> followUp = book.find(item.reference());
        if (followUp.isEmpty() || followUp.get().done().isPresent()) {
            return "nothing to do: done already";
        }
        CallSummary call = call(item, followUp.get());
        List<Recipient> to = parts.recipients().handlerOf(call).map(Recipient::of).stream().toList();
        parts.note(item, AfterCallEventType.FOLLOW_UP_REMINDED, to.isEmpty() ? "" : to.get(0).id(),
                "due " + followUp.get().dueAt());
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.FOLLOW_UP_REMINDER, call, to, facts(followUp.get(),
                call)), false);
    }

    /** {@link DueKind#FOLLOW_UP_OVERDUE}. */
    String overdue(DueWork item) {
        Optional<FollowUp> followUp = book.find(item.reference());
        if (followUp.isEmpty() || followUp.get().done().isPresent()) {
            return "nothing to do: done in time";
        }
        CallSummary call = call(item, followUp.get());
        List<Recipient> to = new ArrayList<>(parts.recipients().all(List.of(parts.settings().managerRole()), call.lineId(),
                item.dueAt()));
        parts.recipients().handlerOf(call).map(Recipient::of).filter(r -> to.stream().noneMatch(t -> t.id().equals(r.id())))
                .ifPresent(to::add);
        parts.note(item, AfterCallEventType.FOLLOW_UP_OVERDUE, "", "due " + followUp.get().dueAt());
        return parts.delivery().deliver(item, parts.writer().write(NoticeKind.FOLLOW_UP_OVERDUE, call, to, facts(followUp.get(),
                call)), false);
    }

    private Map<String, String> facts(FollowUp followUp, CallSummary call) {
        return Map.of("dueAt", parts.writer().time(followUp.dueAt(), call.lineId()), "cause", followUp.cause().name());
    }

    /** A call cut off by a crash may have no record beyond its reference: the follow-up still goes out. */
    private CallSummary call(DueWork item, FollowUp followUp) {
        return parts.calls().call(item.reference()).orElseGet(() -> {
            if (followUp.cause() != FollowUpCause.CALL_CUT_OFF) {
                throw ClockParts.notYet(item).get();
            }
            return new CallSummary(item.reference(), "", "", "", followUp.owedAt(), Optional.empty(), "", false,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        });
    }
}
