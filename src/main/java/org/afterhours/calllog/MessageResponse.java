package org.afterhours.calllog;

import java.time.Instant;

/**
 * A kept message that was answered: when it was kept (its response clock starts there) and when the customer was
 * called back. Whether that was in time is the after-the-call clock's rule, not the reader's.
 */
public record MessageResponse(String reference, Instant keptAt, Instant respondedAt) {
}
