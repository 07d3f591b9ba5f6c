package org.afterhours.followup;

import java.time.Instant;
import java.util.Optional;
import org.afterhours.calllog.MessageStatus;
import org.afterhours.calllog.ReferenceNumber;

/**
 * What the timers need to know of a call, read from its record.
 *
 * @param callerNumber    untrusted caller ID, as Asterisk sent it
 * @param recordingPath   the kept message's file as Asterisk wrote it (with its extension), or empty
 * @param messageKeptAt   when the message was kept, if one was
 * @param triagedAt       when the caller chose (the emergency response clock starts here), if they did
 * @param acceptedAt      when a technician pressed 1, if one did
 */
public record CallSummary(ReferenceNumber reference, String lineId, String callerNumber, String callerName,
                          Instant startedAt, Optional<Instant> triagedAt, String recordingPath, boolean urgent,
                          Optional<MessageStatus> messageStatus, Optional<Instant> messageKeptAt,
                          Optional<String> acceptedBy, Optional<Instant> acceptedAt) {
    public CallSummary {
        lineId = lineId == null ? "" : lineId;
        callerNumber = callerNumber == null ? "" : callerNumber;
        callerName = callerName == null ? "" : callerName;
        recordingPath = recordingPath == null ? "" : recordingPath;
    }
}
