package org.afterhours.escalation;

/** What the answered person did with "press 1 to accept, 2 to decline". */
public enum ScreeningVerdict {
    ACCEPTED,
    DECLINED,
    /** Answered but pressed nothing: most often a mobile's own voicemail greeting. Never counts as accepted. */
    NO_KEY,
    /** Hung up during the prompt. */
    HUNG_UP
}
