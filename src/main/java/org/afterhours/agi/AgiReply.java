package org.afterhours.agi;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One reply from res_agi, parsed but not yet interpreted.
 *
 * @param code       the status code: 200, 510, 511, 520 (others are kept as sent)
 * @param result     the raw text after {@code result=} on a 200 line (may be empty: GET DATA's timeout), else ""
 * @param data       the text inside the parentheses after the result, or null when there were none
 * @param attributes {@code key=value} pairs after the result, such as {@code endpos} or {@code digit}
 * @param message    for non-200 codes, the text after the code; for a multi-line 520 the usage text, lines joined
 *                   with '\n'
 */
public record AgiReply(int code, String result, String data, Map<String, String> attributes, String message) {
    public static final int SUCCESS = 200;
    public static final int INVALID_COMMAND = 510;
    public static final int DEAD_CHANNEL = 511;
    public static final int USAGE = 520;

    public AgiReply {
        attributes = Map.copyOf(attributes);
    }

    public boolean isSuccess() {
        return code == SUCCESS;
    }

    /** The result as a number; fails when Asterisk sent something else (GET DATA's digits are text). */
    public int resultAsInt() {
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException e) {
            throw new AgiException("expected a numeric result, Asterisk sent 'result=" + result + "'");
        }
    }

    public OptionalLong endpos() {
        String value = attributes.get("endpos");
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
