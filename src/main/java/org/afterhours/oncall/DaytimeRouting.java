package org.afterhours.oncall;

/** What a caller who reaches the after-hours line while the helpdesk is open gets. */
public enum DaytimeRouting {
    /** Transferred to the helpdesk phone. */
    TRANSFER,
    /** Told the helpdesk is open and how to reach it, then offered voicemail. */
    MESSAGE_AND_VOICEMAIL
}
