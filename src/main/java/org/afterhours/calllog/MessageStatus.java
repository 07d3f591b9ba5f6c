package org.afterhours.calllog;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where a kept message stands on its response clock ({@code call_record.voicemail_status}), and the one set of moves
 * between those states: the timers, the notification call's key 3, the email's link and the console all change a
 * message through these rules (the database's conditional updates are built from them).
 */
public enum MessageStatus {
    /** Kept; no technician has said they handle it. */
    PENDING_RESPONSE,
    /** A technician said they handle it (key 3, the email's link, the console); the customer is not called back yet. */
    ACKNOWLEDGED,
    /** The customer was called back. */
    RESPONDED,
    /** Not responded within the hour; stays until someone responds (the breach time is kept either way). */
    BREACHED;

    /** Whether the clock still runs: nobody has called the customer back. Every such message is still owed a call. */
    public boolean awaitsResponse() {
        return this != RESPONDED;
    }

    /** A technician may say they handle it: nobody has, and nobody has called the customer back. */
    public boolean canBeAcknowledged() {
        return this == PENDING_RESPONSE || this == BREACHED;
    }

    /** The customer may be marked called back: whatever the clock says, as long as it still waits. */
    public boolean canBeResponded() {
        return awaitsResponse();
    }

    /** The hour may run out on it: it waits and has not run out already. */
    public boolean canBreach() {
        return this == PENDING_RESPONSE || this == ACKNOWLEDGED;
    }

    /** The status a record holds, empty for none or for a word this version does not know. */
    public static Optional<MessageStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equals(text)).findFirst();
    }

    /** The states a rule allows, for a query's {@code IN (...)}. */
    public static Set<MessageStatus> where(Predicate<MessageStatus> rule) {
        return Arrays.stream(values()).filter(rule).collect(Collectors.toUnmodifiableSet());
    }
}
