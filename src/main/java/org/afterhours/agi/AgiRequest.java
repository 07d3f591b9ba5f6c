package org.afterhours.agi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Asterisk told us about a call when it connected: the {@code agi_*} environment, the script path and query
 * parameters of the {@code agi://} URL, and the dialplan arguments. Every value here can come from a caller
 * (caller ID above all) and must be treated as hostile text.
 *
 * @param environment every {@code agi_*} variable as sent, in order
 * @param scriptPath  the path of the AGI URL without leading '/' or query, e.g. {@code afterhours}
 * @param parameters  the URL's query parameters, URL-decoded; a name may repeat
 * @param arguments   {@code agi_arg_1..n} in order
 */
public record AgiRequest(
        Map<String, String> environment, String scriptPath, Map<String, List<String>> parameters,
        List<String> arguments) {

    /**
     * A number as a dialplan extension holds it (digits, an optional leading '+', '-' as a separator); not {@code s},
     * {@code h}, {@code i} or a pattern.
     */
    private static final java.util.regex.Pattern DIALLED_EXTENSION =
            java.util.regex.Pattern.compile("\\+?[0-9][0-9-]*[0-9]");

    public AgiRequest {
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        parameters = Map.copyOf(parameters);
        arguments = List.copyOf(arguments);
    }

    public String variable(String name) {
        return environment.getOrDefault(name, "");
    }

    public String uniqueId() {
        return variable("agi_uniqueid");
    }

    public String channelName() {
        return variable("agi_channel");
    }

    /** Caller ID number; Asterisk sends the word {@code unknown} when there is none, which we turn into "". */
    public String callerIdNumber() {
        return known(variable("agi_callerid"));
    }

    public String callerIdName() {
        return known(variable("agi_calleridname"));
    }

    /**
     * The number the caller dialled: the DNID when the channel has one (a call from a SIP trunk), else the
     * extension the dialplan runs the AGI under when that is a number (a Local channel, or a {@code Goto} from
     * another context, leaves {@code agi_dnid: unknown} and the number only in {@code agi_extension}); "" when
     * neither says.
     */
    public String dialledNumber() {
        String dnid = known(variable("agi_dnid"));
        if (!dnid.isEmpty()) {
            return dnid;
        }
        String extension = extension();
        return DIALLED_EXTENSION.matcher(extension).matches() ? extension : "";
    }

    public String context() {
        return variable("agi_context");
    }

    public String extension() {
        return variable("agi_extension");
    }

    public String language() {
        return variable("agi_language");
    }

    public Optional<String> parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Dialplan argument {@code n}, counted from 1 as {@code agi_arg_n} is. */
    public Optional<String> argument(int n) {
        return n >= 1 && n <= arguments.size() ? Optional.of(arguments.get(n - 1)) : Optional.empty();
    }

    private static String known(String value) {
        return "unknown".equals(value) ? "" : value;
    }
}
