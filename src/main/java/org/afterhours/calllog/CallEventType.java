package org.afterhours.calllog;

/** Every kind of step a call's record holds, in the words the console shows. */
public enum CallEventType {
    /** Attributes: line, dialled, callerNumber, callerName, uniqueId, businessHours (true/false), node, run. */
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
    /**
     * Asterisk could not record on a live call (RECORD FILE answered result=-1: the folder is missing or not
     * writable). Nothing was written; the message is taken elsewhere. Attributes: path, format, reason (Asterisk's).
     */
    RECORDING_FAILED,
    /**
     * No folder could take the message: the caller was handed to the dialplan's own voicemail box, where the
     * message is (not in the server's folder). Attributes: status (what the dialplan was told), urgent.
     */
    VOICEMAIL_HANDED_TO_DIALPLAN,
    /** The search for a technician began. Attributes: planned (how many rings the policy yields). */
    ESCALATION_STARTED,
    /** One contact point starts ringing. Attributes: leg, person, personName, contact, dial, round, step, target. */
    ATTEMPT_STARTED,
    /** Attributes: leg, person. */
    ATTEMPT_ANSWERED,
    /** Attributes: leg, person, outcome ({@code AttemptOutcome}), key. */
    ATTEMPT_ENDED,
    /** Attributes: leg, person, personName, afterMillis (since the search began). */
    TECHNICIAN_ACCEPTED,
    /** Attributes: outcome (ACCEPTED, NOBODY_ACCEPTED, UNAVAILABLE, CANCELLED), reason. */
    ESCALATION_ENDED,
    /** The caller and the technician are in the same room. Attributes: room, person. */
    CONNECTED,
    /** Attributes: talkMillis. */
    CONVERSATION_ENDED,
    /** Attributes: leg, person, personName, reason (accepted, nobody-accepted), outcome (ring outcome). */
    MANAGER_ALERTED,
    /** Attributes: leg, person, personName. */
    MANAGER_JOINED,
    /** Attributes: step (where the call stood). */
    CALLER_HUNG_UP,
    /** Attributes: step, outcome. */
    CALL_ENDED,
    /**
     * The process that ran the call died before the call ended (a crash, a kill); written by the next run of the
     * same node. Attributes: step (the last step on record), outcome ({@link CallOutcome#CUT_OFF}).
     */
    CALL_CUT_OFF,
    /**
     * Not a step of a call: a FastAGI session began (a row of {@code agi_session}). Kept in the node's session
     * journal, never in the call log; its call id is the session's id and it has no reference number. Attributes:
     * uniqueId, script, channel, callerNumber, callerName, dialled, remote.
     */
    SESSION_STARTED,
    /** Not a step of a call: a FastAGI session ended (see {@link #SESSION_STARTED}). Attributes: outcome, detail. */
    SESSION_ENDED;

    /** CALL_STARTED's attribute naming the node that took the call. */
    public static final String NODE = "node";
    /** CALL_STARTED's attribute naming the run (one start of the process) that took the call. */
    public static final String RUN = "run";
}
