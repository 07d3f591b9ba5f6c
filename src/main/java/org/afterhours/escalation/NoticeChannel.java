package org.afterhours.escalation;

/**
 * One way of telling people (email, webhook, phone), used by the due table's notices. {@link #deliver} may block
 * (it runs on a timer's or a background thread, never on a call's) and throws when the notice did not get through,
 * so the caller can retry it later.
 */
public interface NoticeChannel {
    /** {@code email}, {@code webhook}, {@code phone}: recorded with each delivery. */
    String name();

    /** True when each recipient gets a copy of their own (email, phone); false for a team channel posted once. */
    default boolean perRecipient() {
        return false;
    }

    /** Whether this channel carries notices of {@code kind} (a phone call only for what is worth waking for). */
    default boolean carries(NoticeKind kind) {
        return true;
    }

    /** Whether this channel can reach {@code to} at all (an email channel needs an address); team channels: yes. */
    default boolean reaches(Recipient to) {
        return true;
    }

    /** @return what the other side answered, for the record */
    String deliver(Notice notice);

    /** Thrown when a notice did not get through; the message says why, for the record. */
    final class DeliveryException extends RuntimeException {
        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }

        public DeliveryException(String message) {
            super(message);
        }
    }
}
