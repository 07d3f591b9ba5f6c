package org.afterhours.calllog;

import java.util.List;

/** A call's whole record: its row, every event, every ring, every change to its entry. */
public record CallDetail(CallSummary summary, String dialledNumber, String finalStep, String voicemailPath,
        String voicemailFormat, Integer voicemailDurationMillis, boolean voicemailUrgent, Integer talkTimeMillis,
        Completion completion, List<LoggedEvent> events, List<CallAttempt> attempts, List<EntryEdit> edits) {
    public CallDetail {
        events = List.copyOf(events);
        attempts = List.copyOf(attempts);
        edits = List.copyOf(edits);
    }
}
