package org.afterhours.followup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.afterhours.calllog.ReferenceNumber;

/**
 * The call's row as the timers read and move it: the facts of the call, and the message and emergency response
 * clocks' states. Every change is conditional, so two nodes (or a technician and a timer) cannot both win.
 */
public interface AfterCallRecord {
    /** Empty until the call's first events have reached the database. */
    Optional<CallSummary> call(ReferenceNumber reference);

    /**
     * Every kept message (kept at or before {@code keptBy}) whose customer has not been called back, whatever else
     * happened to it (acknowledged, breached), oldest first.
     */
    List<CallSummary> waitingMessages(Instant keptBy);

    /** PENDING_RESPONSE (or BREACHED) becomes ACKNOWLEDGED; @return false when it was acknowledged or answered already */
    boolean acknowledge(ReferenceNumber reference, String by, Instant at);

    /** Any open status becomes RESPONDED; @return false when it was answered already or there is no message */
    boolean respond(ReferenceNumber reference, String by, Instant at);

    /** PENDING_RESPONSE or ACKNOWLEDGED becomes BREACHED at {@code at}; @return false when answered in time */
    boolean breach(ReferenceNumber reference, Instant at);

    /** Marks the emergency's response time as breached at {@code at} (first mark stands). */
    void responseBreached(ReferenceNumber reference, Instant at);
}
