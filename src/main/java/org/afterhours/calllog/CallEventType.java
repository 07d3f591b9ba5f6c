package org.afterhours.calllog;

/** Every kind of step a call's record holds, in the words the console shows. */
public enum CallEventType {
    /** Attributes: line, dialled, callerNumber, callerName, uniqueId, businessHours (true/false). */
    CALL_STARTED,
    /** A prompt played to its end or was interrupted. Attributes: prompt, key (when interrupted). */
    PROMPT_PLAYED,
    /** Asterisk could not play a prompt (missing file): logged, the call goes on. Attributes: prompt. */
    PROMPT_FAILED,
    /** Attributes: menu, key. */
    KEY_PRESSED,
    /** Attributes: menu, key (the key that was not a choice). */
    INVALID_KEY,
    /** The caller pressed nothing in time. Attributes: menu. */
    KEY_TIMEOUT,
    /** Attributes: triage (EMERGENCY, NON_EMERGENCY), reason (chosen, no-choice). */
    TRIAGED,
    /** The reference number was read to the caller. */
    REFERENCE_READ,
    /** Attributes: number, dialStatus. */
    TRANSFERRED,
    /** The emergency was handed over to reach a technician. Attributes: outcome. */
    TECHNICIAN_SOUGHT,
    /** Attributes: path, format, durationMillis, urgent (true/false). */
    VOICEMAIL_RECORDED,
    /** The caller re-recorded or nothing was heard. Attributes: path, reason. */
    VOICEMAIL_DISCARDED,
    /** The message is kept and waits for a technician's response. Attributes: path, urgent. */
    VOICEMAIL_KEPT,
    /** Attributes: step (where the call stood). */
    CALLER_HUNG_UP,
    /** Attributes: step, outcome. */
    CALL_ENDED
}
