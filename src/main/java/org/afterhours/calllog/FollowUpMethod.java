package org.afterhours.calllog;

import java.util.Locale;

/** How a technician followed up with a caller. */
public enum FollowUpMethod {
    PHONE,
    EMAIL,
    TICKET;

    /** {@code phone}, {@code Email}, {@code TICKET}: any case; anything else is a clear error. */
    public static FollowUpMethod parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("follow-up method must be phone, email or ticket, not '" + text + "'");
        }
    }
}
