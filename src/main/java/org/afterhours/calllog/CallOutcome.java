package org.afterhours.calllog;

/** How a call ended ({@code call_record.outcome}); {@link Words} says it in English. */
public enum CallOutcome {
    TRANSFERRED,
    CONNECTED,
    INFORMED,
    VOICEMAIL,
    URGENT_VOICEMAIL,
    NO_MESSAGE,
    CALLER_HUNG_UP,
    /** The server process died (crash, kill) while the call was live; closed by the node's next run. */
    CUT_OFF
}
