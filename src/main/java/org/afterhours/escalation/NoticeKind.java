package org.afterhours.escalation;

/** What a notice is about; each kind has its own wording (email templates are named after it). */
public enum NoticeKind {
    /** A message was kept: someone must respond within the hour. */
    MESSAGE_KEPT,
    /** A message is still unacknowledged at a step of its clock. */
    MESSAGE_UNACKNOWLEDGED,
    /** A message was not answered within the hour. */
    MESSAGE_BREACHED,
    /** A follow-up is due soon. */
    FOLLOW_UP_REMINDER,
    /** A follow-up is overdue. */
    FOLLOW_UP_OVERDUE,
    /** No technician accepted an emergency within the contract's response time. */
    EMERGENCY_RESPONSE_BREACHED,
    /** An emergency caller was cut off when a node died: call them back now. */
    EMERGENCY_CUT_OFF,
    /** A technician accepted an emergency; the managers may join the call. */
    EMERGENCY_ACCEPTED,
    /** Nobody accepted an emergency; the caller was asked for an urgent message. */
    EMERGENCY_NOT_ACCEPTED,
    /** Asterisk could not record a caller's message: the recording folder needs fixing. */
    RECORDING_FAILED,
    /** Times in the days ahead when a line's rotation or escalation yields nobody (the summary lists them). */
    COVERAGE_GAPS
}
