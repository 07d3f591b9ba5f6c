package org.afterhours.escalation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Places outbound calls (technicians, managers) through the PBX. Implemented over Asterisk's manager interface in
 * {@code dialout}; this package only decides whom to call and when.
 *
 * <p>A placed call, once answered, is screened: the person hears the emergency's reference and is asked to accept.
 * How the PBX gets there (dialplan context, channel variables, which node's FastAGI screens it) is the
 * implementation's business: it owns that contract with the dialplan.
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
     * @param reference    the emergency's reference number, read to the person when they answer
     * @param role         a technician asked to accept, or a manager alerted (who may join)
     * @param dialString   an Asterisk dial string from a person's contact point, e.g. {@code PJSIP/alice}
     * @param callerIdName what the person's phone shows
     * @param callerIdNumber what the person's phone shows
     * @param ringTimeout  how long to ring before giving up
     */
    record LegRequest(String legId, String reference, EmergencyDesk.LegRole role, String dialString,
                      String callerIdName, String callerIdNumber, Duration ringTimeout) {
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
