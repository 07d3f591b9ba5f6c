package org.afterhours.simulator;

import java.time.Duration;

/**
 * What the phone behind one dial string does when {@link FakeAmi} originates a call to it.
 *
 * @param kind            how the call ends
 * @param ringFor         how long it rings first (an answer that would come after the Originate's Timeout is a no
 *                        answer)
 * @param keys            for {@link Kind#ANSWERS}: the keys pressed in the answered leg's AGI session, in order, as
 *                        {@link ResAgiResponder} takes them ("1" accepts, "2" declines, "" never presses: a
 *                        voicemail pickup)
 * @param hangupAtCommand for {@link Kind#ANSWERS}: the person hangs up during the server's n-th AGI command; 0 never
 */
public record TechnicianBehaviour(Kind kind, Duration ringFor, String keys, int hangupAtCommand) {

    public enum Kind {
        /** Rings until the Originate's Timeout: {@code OriginateResponse} Failure, Reason 3. */
        NEVER_ANSWERS,
        /** Answers: Success, Reason 4, then the leg runs its dialplan (a FastAGI session). */
        ANSWERS,
        /** Busy: Failure, Reason 5. */
        BUSY,
        /** Congestion or an unreachable phone: Failure, Reason 8. */
        CONGESTED,
        /** Cannot be placed (unknown endpoint, bad dial string): Failure, Reason 0. */
        FAILS
    }

    public TechnicianBehaviour {
        keys = keys == null ? "" : keys;
        ringFor = ringFor == null ? Duration.ZERO : ringFor;
    }

    public static TechnicianBehaviour neverAnswers() {
        return new TechnicianBehaviour(Kind.NEVER_ANSWERS, Duration.ZERO, "", 0);
    }

    public static TechnicianBehaviour answers(String keys) {
        return new TechnicianBehaviour(Kind.ANSWERS, Duration.ZERO, keys, 0);
    }

    public static TechnicianBehaviour busy() {
        return new TechnicianBehaviour(Kind.BUSY, Duration.ZERO, "", 0);
    }

    public static TechnicianBehaviour congested() {
        return new TechnicianBehaviour(Kind.CONGESTED, Duration.ZERO, "", 0);
    }

    public static TechnicianBehaviour fails() {
        return new TechnicianBehaviour(Kind.FAILS, Duration.ZERO, "", 0);
    }

    /** The same, after ringing for {@code duration}. */
    public TechnicianBehaviour afterRinging(Duration duration) {
        return new TechnicianBehaviour(kind, duration, keys, hangupAtCommand);
    }

    /** The same, the person hanging up during the server's n-th AGI command of the answered leg. */
    public TechnicianBehaviour hangingUpAt(int command) {
        return new TechnicianBehaviour(kind, ringFor, keys, command);
    }
}
