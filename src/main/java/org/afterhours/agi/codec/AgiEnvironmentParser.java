package org.afterhours.agi.codec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.agi.AgiRequest;

/**
 * Collects the environment block res_agi sends on connect ({@code agi_name: value} lines ended by an empty line)
 * and turns it into an {@link AgiRequest}. Limits on its size are enforced here so that a peer cannot make us hold
 * an unbounded environment.
 */
public final class AgiEnvironmentParser {
    private static final Pattern NAME = Pattern.compile("agi_[a-z0-9_]+");
    private static final Pattern ARGUMENT = Pattern.compile("agi_arg_([1-9][0-9]{0,3})");

    private final int maxLines;
    private final int maxBytes;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private int lines;
    private int bytes;

    public AgiEnvironmentParser(int maxLines, int maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** @return true when this line was the empty line that ends the block */
    public boolean read(String line) throws AgiProtocolException {
        if (line.isEmpty()) {
            if (environment.isEmpty()) {
                throw new AgiProtocolException("empty environment");
            }
            return true;
        }
        lines++;
        bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (lines > maxLines || bytes > maxBytes) {
            throw new AgiProtocolException("environment larger than " + maxLines + " lines or " + maxBytes + " bytes");
        }
        int split = line.indexOf(": ");
        if (split < 0) {
            throw new AgiProtocolException("environment line without ': ': " + AgiReplyReader.printable(line));
        }
        String name = line.substring(0, split);
        if (!NAME.matcher(name).matches()) {
            throw new AgiProtocolException("not an agi_ variable: " + AgiReplyReader.printable(name));
        }
        String shared = SharedEnvironmentStrings.PROCESS.name(name);
        environment.put(shared, SharedEnvironmentStrings.PROCESS.value(shared, line.substring(split + 2)));
        return false;
    }

    public AgiRequest request() {
        String script = environment.getOrDefault("agi_network_script", "");
        int query = script.indexOf('?');
        String path = stripSlashes(query < 0 ? script : script.substring(0, query));
        Map<String, List<String>> parameters = query < 0 ? Map.of() : parseQuery(script.substring(query + 1));
        return new AgiRequest(environment, path, parameters, arguments());
    }

    private List<String> arguments() {
        TreeMap<Integer, String> numbered = new TreeMap<>();
        environment.forEach((name, value) -> {
            Matcher m = ARGUMENT.matcher(name);
            if (m.matches()) {
                numbered.put(Integer.parseInt(m.group(1)), value);
            }
        });
        List<String> arguments = new ArrayList<>();
        for (int n = 1; numbered.containsKey(n); n++) {
            arguments.add(numbered.get(n));
        }
        return arguments;
    }

    private static String stripSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((k, v) -> List.copyOf(v));
        return parameters;
    }

    /** Percent-escapes only: a '+' in a dialplan's AGI URL is a plus sign (+1913...), not a space. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            // A stray '%' is the dialplan author's typo, not an attack: keep the text as written.
            return text;
        }
    }
}
