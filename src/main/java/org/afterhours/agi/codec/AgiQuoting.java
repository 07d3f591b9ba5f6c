package org.afterhours.agi.codec;

import java.util.List;

/**
 * The only place where text becomes part of an AGI command line.
 *
 * <p>res_agi splits a command line on spaces outside double quotes, and a backslash makes the next character literal
 * ({@code parse_args} in res_agi.c). A newline ends the command. So every text argument is wrapped in quotes with
 * {@code \} and {@code "} escaped, and every control character (CR, LF, NUL, ...) dropped: nothing inside can close
 * the quote or start a second command.
 */
public final class AgiQuoting {
    private AgiQuoting() {
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"') {
                out.append('\\').append(c);
            } else if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Joins the arguments of a dialplan application for EXEC, before {@link #quote} wraps the whole.
     *
     * <p>Applications split their argument string on ',' but not inside quotes, parentheses or brackets, and a
     * backslash makes the next character literal ({@code __ast_app_separate_args} in main/app.c). Escaping all of
     * those keeps each argument exactly one argument. A '$' before '{' or '[' is dropped: with the channel variable
     * AGIEXECFULL set, Asterisk would evaluate it as an expression.
     */
    public static String joinApplicationArguments(List<String> arguments) {
        StringBuilder out = new StringBuilder();
        for (int a = 0; a < arguments.size(); a++) {
            if (a > 0) {
                out.append(',');
            }
            String argument = arguments.get(a);
            for (int i = 0; i < argument.length(); i++) {
                char c = argument.charAt(i);
                char next = i + 1 < argument.length() ? argument.charAt(i + 1) : 0;
                if (Character.isISOControl(c) || (c == '$' && (next == '{' || next == '['))) {
                    continue;
                }
                if ("\\,\"()[]".indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
