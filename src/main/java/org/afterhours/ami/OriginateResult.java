package org.afterhours.ami;

/**
 * How an {@code Originate} ended: the {@code OriginateResponse} event, or why none will come.
 *
 * <p>Asterisk reports the outcome as {@code Response: Success|Failure} and a {@code Reason} that is a value of
 * {@code enum ast_control_frame_type} (include/asterisk/frame.h), chosen by {@code pbx_dial_reason()} in main/pbx.c:
 * 4 ANSWER when the channel was answered; 1 HANGUP only when a calling channel hung up (never for an Originate,
 * which has none); otherwise from the failed channel's cause: 5 BUSY (cause 17 user busy), 8 CONGESTION (call
 * rejected, network or destination out of order, temporary failure, congestion), 3 RINGING (cause 19 no answer,
 * which is what the Originate's Timeout gives; or 26 answered elsewhere), and 0 for anything else (unknown
 * endpoint, no such context, and a channel hung up while it rang: main/dial.c leaves the cause undefined then).
 *
 * @param outcome  what it means for us
 * @param reason   Asterisk's Reason, or -1 when no event came
 * @param channel  the channel's name when it was created, else the dial string as requested
 * @param uniqueId the channel's uniqueid (our ChannelId), or {@code <unknown>}
 * @param message  Asterisk's message when it refused the action, or why no event came; "" otherwise
 */
public record OriginateResult(Outcome outcome, int reason, String channel, String uniqueId, String message) {

    public enum Outcome {
        /** Response Success, Reason 4: the channel was answered and runs the dialplan. */
        ANSWERED,
        /** Reason 3: rang until the Timeout. */
        NO_ANSWER,
        /** Reason 5. */
        BUSY,
        /** Reason 8: congestion, an unreachable or unregistered phone. */
        CONGESTION,
        /** Reason 0 or 1: no channel could be placed (bad endpoint or context), or it ended while ringing. */
        FAILED,
        /** Asterisk answered the action itself with {@code Response: Error} (e.g. "Extension does not exist."). */
        REJECTED,
        /** The manager connection dropped before the OriginateResponse event came; it will not come now. */
        DISCONNECTED
    }

    /** Asterisk's AST_CONTROL_ANSWER. */
    public static final int REASON_ANSWERED = 4;

    static OriginateResult fromEvent(boolean success, Integer reason, String channel, String uniqueId) {
        int r = reason == null ? -1 : reason;
        Outcome outcome;
        if (success) {
            outcome = Outcome.ANSWERED;
        } else {
            outcome = switch (r) {
                case 3 -> Outcome.NO_ANSWER;
                case 5 -> Outcome.BUSY;
                case 8 -> Outcome.CONGESTION;
                default -> Outcome.FAILED;
            };
        }
        return new OriginateResult(outcome, r, channel, uniqueId, "");
    }

    static OriginateResult rejected(String message) {
        return new OriginateResult(Outcome.REJECTED, -1, "", "", message == null ? "" : message);
    }

    static OriginateResult disconnected(String why) {
        return new OriginateResult(Outcome.DISCONNECTED, -1, "", "", why);
    }
}
