package org.afterhours.followup;

import java.time.Duration;
import java.time.Instant;
import org.afterhours.calllog.MessageStatus;

/**
 * A kept message whose customer has not been called back yet, with the deadline its response clock gives it (the
 * configured {@code followup.message-breach-minutes} after it was kept).
 */
public record WaitingMessage(CallSummary call, MessageStatus status, Instant keptAt, Instant deadline) {

    /** Time left at {@code at}; negative once the deadline has passed. */
    public Duration left(Instant at) {
        return Duration.between(at, deadline);
    }

    public boolean overdue(Instant at) {
        return at.isAfter(deadline);
    }
}
