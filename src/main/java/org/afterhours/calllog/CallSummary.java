package org.afterhours.calllog;

import java.time.Instant;

/**
 * One call's row in the log. Caller ID fields are as the caller's network sent them: hostile text.
 *
 * @param completedBy person ids, comma-separated, as the completion form stored them
 */
public record CallSummary(String reference, String lineId, String callerNumber, String callerName, Instant startedAt,
        Instant endedAt, boolean businessHours, String triage, String outcome, String escalationOutcome,
        String acceptedBy, Integer acceptedAfterMillis, String voicemailStatus, Instant completedAt,
        String completedBy) {

    public boolean complete() {
        return completedAt != null;
    }

    public boolean live() {
        return endedAt == null;
    }
}
