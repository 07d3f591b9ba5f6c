package org.afterhours.callflow;

import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.oncall.Line;

/**
 * Told of every message a caller leaves: a technician owes each one a response within an hour (procedure step 5).
 * Implementations must return quickly; the call is still on the line.
 */
public interface VoicemailAlerts {
    void voicemailLeft(ReferenceNumber reference, Line line, String recordingPath, boolean urgent);
}
