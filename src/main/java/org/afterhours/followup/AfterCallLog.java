package org.afterhours.followup;

import org.afterhours.calllog.AfterCallEvent;

/** Where what the timers did is kept ({@code after_call_event}): the call's record after the call. */
public interface AfterCallLog {
    void record(AfterCallEvent event);

    /** Whether the due item {@code dueId} already delivered a notice to {@code recipient} on {@code channel}. */
    boolean delivered(long dueId, String recipient, String channel);
}
