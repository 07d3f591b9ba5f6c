package org.afterhours.callflow;

import org.afterhours.agi.AgiChannel;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.oncall.Line;

/**
 * Reaches a technician for an emergency caller and joins them. The search starts at once, so that phones ring while
 * the caller still hears the reference number; the caller's thread then blocks in
 * {@link TechnicianSearch#holdAndConnect()} while the caller holds.
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

    /** Starts ringing technicians for the caller on {@code caller}; close the search when the call leaves it. */
    TechnicianSearch startSearch(Line line, CallRecorder record, AgiChannel caller);
}
