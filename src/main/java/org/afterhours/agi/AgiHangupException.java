package org.afterhours.agi;

/**
 * The caller is gone, or the connection to Asterisk is: the one exception a script sees for every way a call can end
 * under it. Call flows catch nothing; their {@code finally} blocks record where the call stood.
 */
public final class AgiHangupException extends AgiException {

    /** How we learned that the call is over. */
    public enum Cause {
        /** Asterisk wrote its bare {@code HANGUP} line: the caller hung up. */
        CALLER_HUNG_UP,
        /** A command was answered {@code 511}: the channel is dead. */
        DEAD_CHANNEL,
        /** The FastAGI socket closed. */
        CONNECTION_CLOSED,
        /** Asterisk sent a line we could not parse; the connection was closed on purpose. */
        PROTOCOL_ERROR,
        /** The server is stopping and its grace period ran out. */
        SERVER_SHUTDOWN
    }

    private final Cause cause;

    public AgiHangupException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public Cause hangupCause() {
        return cause;
    }
}
