package org.afterhours.escalation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Places outbound calls (technicians, managers) through the PBX. Implemented over Asterisk's manager interface in
 * {@code dialout}; this package only decides whom to call and when.
 *
 * <p>A placed call, once answered, runs the dialplan at {@code context}/{@code extension} with {@code variables}
 * set on the channel: that is where the screening script asks the person to accept.
 */
public interface Dialer {

    /**
     * Starts ringing {@code request.dialString()} and returns at once; never blocks on the PBX.
     *
     * @throws DialerUnavailableException when no call can be placed now (the PBX's manager interface is down)
     */
    OutboundLeg dial(LegRequest request);

    /** Whether calls can be placed right now (the manager connection is logged in). */
    boolean available();

    /**
     * @param legId        our id for the leg, unique; the PBX channel gets it as its unique id, so the leg can be
     *                     hung up while it still rings
     * @param dialString   an Asterisk dial string from a person's contact point, e.g. {@code PJSIP/alice}
     * @param callerIdName what the person's phone shows
     * @param callerIdNumber what the person's phone shows
     * @param ringTimeout  how long to ring before giving up
     * @param context      dialplan context the answered leg enters
     * @param extension    extension in that context
     * @param variables    channel variables for the answered leg (the screening script reads them)
     */
    record LegRequest(String legId, String dialString, String callerIdName, String callerIdNumber,
                      Duration ringTimeout, String context, String extension, Map<String, String> variables) {
        public LegRequest {
            variables = Map.copyOf(variables);
        }
    }

    /** How ringing ended. */
    enum RingOutcome {
        /** The phone was answered; the leg is now in the dialplan (screening). */
        ANSWERED,
        /** Nobody answered within the ring timeout. */
        NO_ANSWER,
        BUSY,
        /** Congestion, an unknown endpoint, a bad dial string: the call could not be placed. */
        FAILED,
        /** We hung it up before it was answered. */
        CANCELLED
    }

    /** One placed call. */
    interface OutboundLeg {
        String legId();

        /** Completes when ringing ends, with how it ended (never exceptionally: failures are {@link RingOutcome}s). */
        CompletableFuture<RingOutcome> ringing();

        /** Hangs the leg up whether it is ringing or answered; safe to call more than once, and after it ended. */
        void hangup();
    }

    final class DialerUnavailableException extends RuntimeException {
        public DialerUnavailableException(String message) {
            super(message);
        }
    }
}
