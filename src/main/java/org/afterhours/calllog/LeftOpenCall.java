package org.afterhours.calllog;

import java.time.Instant;

/**
 * A call on record with no end, taken by an earlier run of this node: that process died with the call live.
 *
 * @param lastSequence  the last event written for it
 * @param lastStep      that event's type: the last step the call is known to have reached
 * @param lastHeardAt   that event's time: the call ended at or soon after it
 * @param emergency     the caller had chosen the emergency
 * @param callerNumber  untrusted caller ID, for the call back
 */
public record LeftOpenCall(String callId, ReferenceNumber reference, int lastSequence, String lastStep,
                           Instant lastHeardAt, boolean emergency, String callerNumber) {
}
