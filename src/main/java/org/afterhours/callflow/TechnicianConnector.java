package org.afterhours.callflow;

import org.afterhours.agi.AgiChannel;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.oncall.Line;

/**
 * Reaches a technician for an emergency caller and joins them: the caller's thread blocks here while the caller
 * holds. Returns when the caller has been connected and the conversation is over, or when nobody could be reached.
 */
public interface TechnicianConnector {

    enum Result {
        /** A technician accepted and talked with the caller. */
        CONNECTED,
        /** Everyone in the escalation policy was tried; nobody accepted. */
        NOBODY_ACCEPTED,
        /** While holding, the caller pressed 1 to leave a message instead. */
        CALLER_CHOSE_VOICEMAIL,
        /** No way to reach anyone right now (no escalation configured, the PBX's manager interface down). */
        UNAVAILABLE
    }

    Result connect(Line line, CallRecorder record, AgiChannel caller);
}
