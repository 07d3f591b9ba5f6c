package org.afterhours.followup;

/** The kinds of deadline kept in {@code due_work}; each has one handler. */
public enum DueKind {
    /** A message was kept: tell the on-call technician and the help desk at once. */
    MESSAGE_NOTICE,
    /** A step of the one-hour clock (step 1, 2, 3...): re-notify and add the step's people if unacknowledged. */
    MESSAGE_ESCALATION,
    /** The end of the one-hour clock: BREACHED unless the customer was called back. */
    MESSAGE_BREACH,
    /** A follow-up is due soon: remind whoever handled the call. */
    FOLLOW_UP_REMINDER,
    /** A follow-up is due and not done: tell the Support Manager. */
    FOLLOW_UP_OVERDUE,
    /** The contract's response time for an emergency is over: met or breached. */
    EMERGENCY_RESPONSE,
    /**
     * An emergency caller was cut off when a node died while they waited: the on-call technicians and the managers
     * are told at once, on whichever node gets to it first, and told again (retried) until each has been reached.
     */
    EMERGENCY_CUT_OFF,
    /**
     * An emergency was accepted, or nobody accepted it: the alert roles (escalation.alert-roles) are told in writing
     * (their alert call, on the caller's node, lets them join; this is the written record that outlives it).
     */
    EMERGENCY_OUTCOME_ALERT,
    /** Asterisk could not record a message on a live call: the alert roles must fix the recording folder. */
    RECORDING_FAILED_ALERT,
    /** The daily look at the coverage ahead (step: the day, counted from 1970-01-01); schedules the next day's. */
    COVERAGE_DAILY,
    /** A setup was imported: the coverage ahead, told at once (step: the minute of the import). */
    COVERAGE_IMPORTED
}
