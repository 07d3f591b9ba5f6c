package org.afterhours.agi.codec;

import static org.afterhours.agi.codec.AgiQuoting.quote;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds every AGI command this server sends, in the syntax res_agi documents. Text goes through
 * {@link AgiQuoting#quote}; numbers are formatted here; nothing else reaches the line.
 */
public final class AgiCommands {
    private static final Pattern DIGITS_TO_SAY = Pattern.compile("[0-9][0-9*#]*");
    private static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String KEYS = "0123456789*#";

    private AgiCommands() {
    }

    public static AgiCommand answer() {
        return plain("ANSWER");
    }

    public static AgiCommand hangup() {
        return plain("HANGUP");
    }

    public static AgiCommand noop() {
        return plain("NOOP");
    }

    /** {@code SET AUTOHANGUP <seconds>}: Asterisk hangs the channel up that long from now; 0 cancels it. */
    public static AgiCommand setAutoHangup(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be 0 or more: " + seconds);
        }
        return command("SET AUTOHANGUP", Long.toString(seconds));
    }

    public static AgiCommand channelStatus() {
        return plain("CHANNEL STATUS");
    }

    public static AgiCommand streamFile(String file, String escapeDigits) {
        return command("STREAM FILE", quote(file), quote(keys(escapeDigits)));
    }

    public static AgiCommand streamFile(String file, String escapeDigits, long offsetSamples) {
        return command("STREAM FILE", quote(file), quote(keys(escapeDigits)), Long.toString(nonNegative(offsetSamples)));
    }

    public static AgiCommand getData(String promptFile, long timeoutMillis, int maxDigits) {
        return command("GET DATA", quote(promptFile), Long.toString(nonNegative(timeoutMillis)),
                Integer.toString((int) nonNegative(maxDigits)));
    }

    public static AgiCommand waitForDigit(long timeoutMillis) {
        return command("WAIT FOR DIGIT", Long.toString(timeoutMillis < 0 ? -1 : timeoutMillis));
    }

    /** res_agi reads the digits with {@code sscanf("%d")} first, so they must start with a digit. */
    public static AgiCommand sayDigits(String digits, String escapeDigits) {
        if (!DIGITS_TO_SAY.matcher(digits).matches()) {
            throw new IllegalArgumentException("SAY DIGITS takes digits (0-9, * and #, starting with a digit)");
        }
        return command("SAY DIGITS", quote(digits), quote(keys(escapeDigits)));
    }

    public static AgiCommand sayNumber(long number, String escapeDigits) {
        return command("SAY NUMBER", Long.toString(number), quote(keys(escapeDigits)));
    }

    /**
     * {@code SAY DATETIME <time> <escape digits> [format] [timezone]} as res_agi reads it: seconds since the epoch,
     * then Asterisk's date format letters and a zone name, each quoted.
     */
    public static AgiCommand sayDateTime(long epochSecond, String escapeDigits, String format, String zone) {
        return command("SAY DATETIME", Long.toString(epochSecond), quote(keys(escapeDigits)), quote(format),
                quote(zone));
    }

    public static AgiCommand sayAlpha(String text, String escapeDigits) {
        return command("SAY ALPHA", quote(text), quote(keys(escapeDigits)));
    }

    public static AgiCommand setVariable(String name, String value) {
        return command("SET VARIABLE", quote(name), quote(value));
    }

    public static AgiCommand getVariable(String name) {
        return command("GET VARIABLE", quote(name));
    }

    public static AgiCommand getFullVariable(String expression) {
        return command("GET FULL VARIABLE", quote(expression));
    }

    /** EXEC passes exactly one string to the application: the arguments joined and escaped for its comma split. */
    public static AgiCommand exec(String application, List<String> arguments) {
        if (!APPLICATION_NAME.matcher(application).matches()) {
            throw new IllegalArgumentException("not a dialplan application name: " + quote(application));
        }
        return command("EXEC", application, quote(AgiQuoting.joinApplicationArguments(arguments)));
    }

    /** {@code RECORD FILE <file> <format> <escape digits> <timeout> <offset> [BEEP] [s=<silence>]}. */
    public static AgiCommand recordFile(String file, String format, String escapeDigits, long maxMillis, boolean beep,
                                        int silenceSeconds) {
        StringBuilder options = new StringBuilder("0");
        if (beep) {
            options.append(" BEEP");
        }
        if (silenceSeconds > 0) {
            options.append(" s=").append(silenceSeconds);
        }
        return command("RECORD FILE", quote(file), quote(format), quote(keys(escapeDigits)),
                Long.toString(maxMillis < 0 ? -1 : maxMillis), options.toString());
    }

    /** {@code SET MUSIC ON [class]} / {@code SET MUSIC OFF}. */
    public static AgiCommand setMusic(boolean on, String mohClass) {
        if (!on) {
            return command("SET MUSIC", "OFF");
        }
        return mohClass == null ? command("SET MUSIC", "ON") : command("SET MUSIC", "ON", quote(mohClass));
    }

    public static AgiCommand verbose(String message, int level) {
        return command("VERBOSE", quote(message), Integer.toString(Math.max(1, Math.min(4, level))));
    }

    /** Escape digits are a set of keys: anything else is dropped rather than sent. */
    private static String keys(String escapeDigits) {
        StringBuilder kept = new StringBuilder();
        for (char c : escapeDigits.toCharArray()) {
            if (KEYS.indexOf(c) >= 0 && kept.indexOf(String.valueOf(c)) < 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static long nonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative: " + value);
        }
        return value;
    }

    private static AgiCommand plain(String verb) {
        return new AgiCommand(verb, verb);
    }

    private static AgiCommand command(String verb, String... arguments) {
        return new AgiCommand(verb, verb + " " + String.join(" ", arguments));
    }
}
