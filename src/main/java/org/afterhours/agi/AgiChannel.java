package org.afterhours.agi;

import java.util.List;
import java.util.Optional;

/**
 * The call as a script sees it: one blocking method per AGI command, exactly one command in flight.
 *
 * <p>Every method throws {@link AgiHangupException} once the caller or the connection is gone, and
 * {@link AgiCommandException} when Asterisk rejects the command itself. Text arguments are quoted and escaped by the
 * protocol layer, so caller-supplied text can be passed as is; it can never become a second command.
 */
public interface AgiChannel {

    /** Digits that interrupt a prompt: any key. */
    String ANY_KEY = "0123456789*#";

    void answer();

    void hangup();

    /**
     * Hands the call back to the dialplan with {@code status} in the server's status variable instead of
     * {@code SUCCESS}, once the script returns: for a dialplan that has its own way on for that status (e.g. its
     * voicemail box). Sends nothing now; the last call wins.
     *
     * @param status upper-case letters, digits and '_', starting with a letter (at most 32): a dialplan compares it
     */
    void returnToDialplan(String status);

    /** Plays a file (name without extension); a key from {@code escapeDigits} stops it. */
    Playback streamFile(String file, String escapeDigits);

    /** As {@link #streamFile(String, String)}, starting at a sample offset. */
    Playback streamFile(String file, String escapeDigits, long offsetSamples);

    /** Plays a prompt and collects up to {@code maxDigits} keys; '#' ends input early. */
    DigitsEntered getData(String promptFile, long timeoutMillis, int maxDigits);

    /** Waits for one key; empty when none came in time. A negative timeout waits for ever. */
    Optional<Character> waitForDigit(long timeoutMillis);

    /** Says each digit of a string of digits ({@code 0-9 * #}, starting with a digit). */
    Playback sayDigits(String digits, String escapeDigits);

    Playback sayNumber(long number, String escapeDigits);

    /**
     * Says an instant ({@code epochSecond}) in {@code zone} (an IANA zone id such as {@code America/Chicago}), in
     * Asterisk's date format letters: {@code IMp} is "two fourteen A M".
     */
    Playback sayDateTime(long epochSecond, String escapeDigits, String format, String zone);

    /** Spells text character by character in Asterisk's voice (letters, digits, {@code @} "at", {@code .} "dot"). */
    Playback sayAlpha(String text, String escapeDigits);

    void setVariable(String name, String value);

    /** A channel variable or function, empty when it is not set. */
    Optional<String> getVariable(String name);

    /** Evaluates an expression such as {@code ${CALLERID(num)}} in the channel's context. Never pass caller text. */
    Optional<String> getFullVariable(String expression);

    /**
     * Runs a dialplan application. Each argument is escaped so that Asterisk's comma splitting sees exactly these
     * arguments, however hostile their text.
     *
     * @return the application's result: 0 usually, -1 when it ended the call or failed, -2 when it does not exist
     */
    int exec(String application, List<String> arguments);

    default int exec(String application, String... arguments) {
        return exec(application, List.of(arguments));
    }

    /**
     * Records to {@code file} (path without extension) in {@code format}.
     *
     * @param maxMillis      maximum length, -1 for none
     * @param silenceSeconds stop after this much silence, 0 for never
     */
    Recording recordFile(String file, String format, String escapeDigits, long maxMillis, boolean beep,
                         int silenceSeconds);

    /**
     * Starts or stops music on hold on the channel; it goes on under WAIT FOR DIGIT, so a flow can hold a caller
     * and still hear their keys.
     *
     * @param mohClass a class from musiconhold.conf, or null for the channel's default
     */
    void setMusic(boolean on, String mohClass);

    /**
     * Has Asterisk hang the channel up {@code after} from now (whole seconds, rounded up), whatever the script is
     * doing then, even in the middle of a prompt; {@link java.time.Duration#ZERO} cancels it. The script sees the
     * hang-up as any other.
     */
    void setAutoHangup(java.time.Duration after);

    ChannelState channelStatus();

    void verbose(String message, int level);

    /** Does nothing on the channel; useful to learn whether the caller is still there. */
    void noop();
}
