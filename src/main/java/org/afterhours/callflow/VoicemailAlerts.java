package org.afterhours.callflow;

import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.oncall.Line;

/**
 * Told of every message a caller leaves (a technician owes each one a response within an hour, procedure step 5),
 * and of every message Asterisk could not record (someone must fix the folder before the next caller).
 * Implementations must return quickly; the call is still on the line.
 */
public interface VoicemailAlerts {
    void voicemailLeft(ReferenceNumber reference, Line line, String recordingPath, boolean urgent);

    /**
     * Asterisk answered RECORD FILE with a failure on a live call: nothing was written to {@code recordingPath}.
     * The caller's message is still taken (another folder, or the dialplan's voicemail box): this says that the
     * installation needs fixing.
     *
     * @param reason Asterisk's word for the failure ({@code writefile}: the file could not be created)
     */
    void recordingFailed(ReferenceNumber reference, Line line, String recordingPath, String reason);
}
