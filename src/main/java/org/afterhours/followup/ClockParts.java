package org.afterhours.followup;

import java.time.Clock;
import java.util.function.Supplier;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;

/** What every clock works with: the call's row, the after-call record, who is who, the wording, the channels. */
record ClockParts(AfterCallRecord calls, AfterCallLog record, Recipients recipients, NoticeWriter writer,
                  NoticeDelivery delivery, AfterCallSettings settings, Clock clock) {

    /** The call's summary; until its first events reach the database the item fails and is retried. */
    CallSummary call(DueWork item) {
        return calls.call(item.reference()).orElseThrow(notYet(item));
    }

    static Supplier<IllegalStateException> notYet(DueWork item) {
        return () -> new IllegalStateException("call " + item.reference() + " is not in the database yet");
    }

    /** Written once per item, type and recipient, however often the item is retried (the log's unique key). */
    void note(DueWork item, AfterCallEventType type, String recipient, String detail) {
        record.record(new AfterCallEvent(item.reference(), clock.instant(), type, item.id(), recipient, "", detail));
    }
}
