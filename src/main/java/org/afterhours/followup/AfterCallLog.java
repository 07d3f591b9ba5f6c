package org.afterhours.followup;

import java.util.List;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.ReferenceNumber;

/** Where what the timers did is kept ({@code after_call_event}): the call's record after the call. */
public interface AfterCallLog {
    void record(AfterCallEvent event);

    /** Everything done for the call after it, oldest first. */
    List<AfterCallEvent> of(ReferenceNumber reference);

    /** Whether the due item {@code dueId} already delivered a notice to {@code recipient} on {@code channel}. */
    boolean delivered(long dueId, String recipient, String channel);
}
