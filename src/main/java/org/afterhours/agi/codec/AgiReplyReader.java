package org.afterhours.agi.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.agi.AgiReply;

/**
 * Turns the lines Asterisk sends after the environment into replies, one connection's worth of state.
 *
 * <p>The shapes are the ones res_agi.c writes: {@code 200 result=N [(data)] [key=value ...]}, {@code 510 ...},
 * {@code 511 ...}, a single {@code 520 ...} or a multi-line usage from {@code 520-...} to {@code 520 End of proper
 * usage.}, and the bare {@code HANGUP}. Anything else is a protocol error.
 */
public final class AgiReplyReader {
    private static final Pattern STATUS_LINE = Pattern.compile("([1-5][0-9]{2})([ -])(.*)", Pattern.DOTALL);
    private static final Pattern RESULT = Pattern.compile("result=(\\S*)(?: (.*))?", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_]+)=(\\S*)");
    private static final int MAX_USAGE_LINES = 200;

    private StringBuilder usage;
    private String usageCode;
    private int usageLines;

    /**
     * @return the completed inbound item, or null when the line belongs to a multi-line reply that is not over yet
     */
    public AgiInbound read(String line) throws AgiProtocolException {
        if (usage != null) {
            return continueMultiLine(line);
        }
        if (line.equals("HANGUP")) {
            return new AgiInbound.HangupNotice();
        }
        Matcher status = STATUS_LINE.matcher(line);
        if (!status.matches()) {
            throw new AgiProtocolException("not an AGI reply: " + printable(line));
        }
        int code = Integer.parseInt(status.group(1));
        String text = status.group(3);
        if (code != AgiReply.SUCCESS && code != AgiReply.INVALID_COMMAND && code != AgiReply.DEAD_CHANNEL
                && code != AgiReply.USAGE) {
            throw new AgiProtocolException("reply code res_agi never sends: " + printable(line));
        }
        if (status.group(2).equals("-")) {
            usageCode = status.group(1);
            usage = new StringBuilder(text);
            usageLines = 1;
            return null;
        }
        if (code == AgiReply.SUCCESS) {
            return new AgiInbound.Reply(parseSuccess(text, line));
        }
        return new AgiInbound.Reply(new AgiReply(code, "", null, Map.of(), text));
    }

    private AgiInbound continueMultiLine(String line) throws AgiProtocolException {
        if (line.startsWith(usageCode + " ")) {
            AgiReply reply = new AgiReply(Integer.parseInt(usageCode), "", null, Map.of(), usage.toString());
            usage = null;
            usageCode = null;
            return new AgiInbound.Reply(reply);
        }
        if (++usageLines > MAX_USAGE_LINES) {
            throw new AgiProtocolException("multi-line reply longer than " + MAX_USAGE_LINES + " lines");
        }
        usage.append('\n').append(line);
        return null;
    }

    private static AgiReply parseSuccess(String text, String line) throws AgiProtocolException {
        Matcher result = RESULT.matcher(text);
        if (!result.matches()) {
            throw new AgiProtocolException("200 reply without result=: " + printable(line));
        }
        String rest = result.group(2) == null ? "" : result.group(2);
        String data = null;
        if (rest.startsWith("(")) {
            // A variable's value may itself hold ')' and spaces; the real closing parenthesis is the last one.
            int close = rest.lastIndexOf(')');
            if (close < 0) {
                throw new AgiProtocolException("unbalanced parenthesis in reply: " + printable(line));
            }
            data = rest.substring(1, close);
            rest = rest.substring(close + 1);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(rest);
        while (attribute.find()) {
            attributes.put(attribute.group(1), attribute.group(2));
        }
        return new AgiReply(AgiReply.SUCCESS, result.group(1), data, attributes, "");
    }

    /** Lines come from the network: never let one put control characters into our logs. */
    static String printable(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length() && i < 120; i++) {
            char c = line.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return line.length() > 120 ? out + "..." : out.toString();
    }
}
