package org.afterhours.calllog;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a call after it ended: a notice sent, a clock step, a breach, an acknowledgement.
 *
 * @param dueId     the due item that fired, or 0 when none did (an acknowledgement, a follow-up marked done)
 * @param recipient person id or address, or empty
 * @param channel   email, webhook, phone, log, link, console... or empty
 * @param detail    result or error, free text
 */
public record AfterCallEvent(ReferenceNumber reference, Instant at, AfterCallEventType type, long dueId,
                             String recipient, String channel, String detail) {
    public AfterCallEvent {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        recipient = recipient == null ? "" : recipient;
        channel = channel == null ? "" : channel;
        detail = detail == null ? "" : detail;
    }

    public static AfterCallEvent of(ReferenceNumber reference, Instant at, AfterCallEventType type, String detail) {
        return new AfterCallEvent(reference, at, type, 0, "", "", detail);
    }
}
