package org.afterhours.agi.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only model of how a dialplan application splits the one data string EXEC hands it: Asterisk's
 * {@code __ast_app_separate_args} (main/app.c) with ',' as the delimiter and {@code remove_chars} set, which is what
 * {@code AST_STANDARD_APP_ARGS} uses.
 *
 * <p>Behaviour modelled, including its quirks:
 * <ul>
 *   <li>',' ends an argument unless inside parentheses, brackets or quotes;</li>
 *   <li>'(' / '[' nest and are kept, a ')' / ']' closes one level (never below zero) and is kept;</li>
 *   <li>'"' toggles quoting and is removed;</li>
 *   <li>'\' is removed and the character after it is kept literally (it neither nests, quotes nor delimits);</li>
 *   <li>nesting and quote state carry over from one argument to the next (they are never reset);</li>
 *   <li>an empty string is zero arguments; a trailing delimiter adds one empty argument.</li>
 * </ul>
 * The C function edits its buffer in place; this model does the same on a char array so that the quirk of a
 * removed quote right after a delimiter (which yields an extra empty argument) comes out as it does in Asterisk.
 */
final class AppArgumentSplitter {
    private static final char END = '\0';

    private AppArgumentSplitter() {
    }

    static List<String> split(String data) {
        int nul = data.indexOf(END);
        String text = nul < 0 ? data : data.substring(0, nul); // a C string ends at its first NUL
        char[] buffer = new char[text.length() + 1];
        text.getChars(0, text.length(), buffer, 0);
        buffer[text.length()] = END;

        List<Integer> starts = new ArrayList<>();
        int paren = 0;
        int bracket = 0;
        boolean quoted = false;
        int lastDelimiter = -1;
        int at = 0;
        while (buffer[at] != END) {
            starts.add(at);
            for (; buffer[at] != END; at++) {
                char c = buffer[at];
                if (c == '(') {
                    paren++;
                } else if (c == ')') {
                    paren = Math.max(0, paren - 1);
                } else if (c == '[') {
                    bracket++;
                } else if (c == ']') {
                    bracket = Math.max(0, bracket - 1);
                } else if (c == '"') {
                    quoted = !quoted;
                    removeAt(buffer, at);
                    at--; // look at the character that moved into this place
                } else if (c == '\\') {
                    removeAt(buffer, at);
                    if (buffer[at] == END) {
                        break; // a trailing backslash: nothing left to make literal
                    }
                    // the loop's increment steps over the now-literal character
                } else if (c == ',' && paren == 0 && bracket == 0 && !quoted) {
                    lastDelimiter = at;
                    buffer[at] = END;
                    at++;
                    break;
                }
            }
        }
        if (buffer[at] != END || (at > 0 && at - 1 == lastDelimiter)) {
            starts.add(at);
        }

        List<String> arguments = new ArrayList<>();
        for (int start : starts) {
            int end = start;
            while (buffer[end] != END) {
                end++;
            }
            arguments.add(new String(buffer, start, end - start));
        }
        return arguments;
    }

    /** Shifts the rest of the C string left by one over {@code index}, as memmove does in the original. */
    private static void removeAt(char[] buffer, int index) {
        int i = index;
        while (buffer[i] != END) {
            buffer[i] = buffer[i + 1];
            i++;
        }
    }
}
