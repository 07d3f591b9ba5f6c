package org.afterhours.calllog;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened to a call after it ended ({@code after_call_event}): the timers' work, in the words the console shows.
 * Each row names the call, and where it applies the due item that fired, the recipient, the channel and a detail.
 */
public enum AfterCallEventType {
    /** A notice reached a channel (detail: what the channel answered). */
    NOTICE_SENT,
    /** A channel could not deliver a notice (detail: why); the due item is retried. */
    NOTICE_FAILED,
    /** A message's clock reached an escalation step unacknowledged (detail: step and who was added). */
    MESSAGE_ESCALATED,
    /** A message's clock step found the message acknowledged or answered: nothing sent. */
    MESSAGE_STEP_SKIPPED,
    /** Recipient: who; channel: how (phone key, link, console). */
    MESSAGE_ACKNOWLEDGED,
    /** Recipient: who called the customer back. */
    MESSAGE_RESPONDED,
    /** The one-hour response clock ran out. */
    MESSAGE_BREACHED,
    /** Detail: the cause (EMERGENCY, MESSAGE, ...) and when it is due. */
    FOLLOW_UP_OWED,
    /** The reminder went to whoever handled the call. */
    FOLLOW_UP_REMINDED,
    /** The follow-up is overdue; the Support Manager was told. */
    FOLLOW_UP_OVERDUE,
    /** Recipient: who; channel: how (PHONE, EMAIL, TICKET); detail: the note. */
    FOLLOW_UP_DONE,
    /** No technician accepted the emergency within the contract's response time. */
    EMERGENCY_RESPONSE_BREACHED,
    /** The emergency was accepted in time: the response clock stopped. */
    EMERGENCY_RESPONSE_MET,
    /** An emergency caller was cut off when a node died; the people who call back were told (detail: last step). */
    EMERGENCY_CUT_OFF,
    /** A due item failed for good after its last attempt (detail: the last error). */
    DUE_WORK_FAILED;

    /** The type a row holds, empty for a word this version does not know. */
    public static Optional<AfterCallEventType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
