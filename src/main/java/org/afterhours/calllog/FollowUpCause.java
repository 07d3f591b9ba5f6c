package org.afterhours.calllog;

/** Why a call owes its caller a follow-up. */
public enum FollowUpCause {
    /** The caller pressed 1 for an emergency. */
    EMERGENCY,
    /** The caller left a message. */
    MESSAGE,
    /** A non-emergency on a server set to follow those up too. */
    NON_EMERGENCY,
    /** The call was cut off (a node crashed during it): someone must call back. */
    CALL_CUT_OFF
}
