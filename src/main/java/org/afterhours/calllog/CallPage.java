package org.afterhours.calllog;

import java.util.List;

/** One page of the call log, newest first; whether older and newer calls match too. */
public record CallPage(List<CallSummary> calls, boolean hasOlder, boolean hasNewer) {
    public CallPage {
        calls = List.copyOf(calls);
    }

    /** The cursor to the page of older calls (after the last one here). */
    public CallCursor olderCursor() {
        CallSummary last = calls.getLast();
        return new CallCursor(last.startedAt(), last.reference(), true);
    }

    /** The cursor to the page of newer calls (before the first one here). */
    public CallCursor newerCursor() {
        CallSummary first = calls.getFirst();
        return new CallCursor(first.startedAt(), first.reference(), false);
    }
}
