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
     * One empty argument is sent as {@code ""}: empty data would reach the application as no argument at all.
     */
    public static String joinApplicationArguments(List<String> arguments) {
        if (arguments.size() == 1 && withoutControlCharacters(arguments.get(0)).isEmpty()) {
            return "\"\""; // empty data would mean no argument at all; a quoted nothing is one empty argument
        }
        StringBuilder out = new StringBuilder();
        for (int a = 0; a < arguments.size(); a++) {
            if (a > 0) {
                out.append(',');
            }
            String argument = withoutControlCharacters(arguments.get(a));
            for (int i = 0; i < argument.length(); i++) {
                char c = argument.charAt(i);
                if (c == '$' && startsExpression(argument, i)) {
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

    /** A '$' (or a run of them) right before '{' or '['. */
    private static boolean startsExpression(String text, int dollar) {
        int next = dollar;
        while (next < text.length() && text.charAt(next) == '$') {
            next++;
        }
        return next < text.length() && (text.charAt(next) == '{' || text.charAt(next) == '[');
    }

    private static String withoutControlCharacters(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
