package org.afterhours.escalation;

/** How one ring of one contact point ended, as the call's record keeps it. */
public enum AttemptOutcome {
    ACCEPTED, DECLINED, VOICEMAIL_OR_NO_KEY, HUNG_UP, NO_ANSWER, BUSY, FAILED,
    /** The caller hung up, chose voicemail, or someone else accepted while this one rang. */
    CANCELLED,
    /** The person was already taking another emergency; the next one in line was tried. */
    SKIPPED_ENGAGED,
    /** The person was already rung in this round (a policy naming them twice). */
    SKIPPED_ALREADY_TRIED
}
