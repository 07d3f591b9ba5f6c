package org.afterhours.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words exactly as res_agi's {@code parse_args} does: spaces and tabs separate words
 * outside double quotes, a quote toggles quoting, a backslash makes the next character literal. Tests use it to see
 * a command through Asterisk's eyes (how many arguments an injection attempt produced, and what they hold).
 */
public final class ResAgiArguments {
    private ResAgiArguments() {
    }

    public static List<String> parse(String line) {
        List<String> argv = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        boolean escaped = false;
        for (char c : line.toCharArray()) {
            if (c == '"' && !escaped) {
                quoted = !quoted;
                if (quoted && current == null) {
                    current = new StringBuilder();
                }
                continue;
            }
            if ((c == ' ' || c == '\t') && !quoted && !escaped) {
                if (current != null) {
                    argv.add(current.toString());
                    current = null;
                }
                continue;
            }
            if (c == '\\' && !escaped) {
                escaped = true;
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
            }
            current.append(c);
            escaped = false;
        }
        if (current != null) {
            argv.add(current.toString());
        }
        return argv;
    }
}
