package org.afterhours.agi.codec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One copy of the environment strings that every call repeats. A call is held for as long as its caller is on the
 * line, and each kept its own 22 names and most of their values ({@code agi_version: 22.10.1},
 * {@code agi_type: Local}, ...): with 10,000 callers held that was tens of megabytes of identical strings.
 *
 * <p>Names are shared only when res_agi sends them (a fixed set). Values are shared only for the variables that are
 * the same from call to call on one dialplan, and only up to a fixed number of distinct ones: a value comes from
 * the peer, so what this keeps must stay bounded whatever it is sent. Caller ID, channel names and unique ids are
 * never shared: they differ per call.
 */
final class SharedEnvironmentStrings {
    /** The variables res_agi's {@code setup_env} sends, in its order, and the first dialplan arguments. */
    private static final Map<String, String> NAMES = List.of(
                    "agi_network", "agi_network_script", "agi_request", "agi_channel", "agi_language", "agi_type",
                    "agi_uniqueid", "agi_version", "agi_callerid", "agi_calleridname", "agi_callingpres",
                    "agi_callingani2", "agi_callington", "agi_callingtns", "agi_dnid", "agi_rdnis", "agi_context",
                    "agi_extension", "agi_priority", "agi_enhanced", "agi_accountcode", "agi_threadid",
                    "agi_arg_1", "agi_arg_2", "agi_arg_3", "agi_arg_4")
            .stream().collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    /** Variables whose value one dialplan sends the same on most calls. */
    private static final Set<String> REPEATING = Set.of(
            "agi_network", "agi_network_script", "agi_request", "agi_language", "agi_type", "agi_version",
            "agi_callingpres", "agi_callingani2", "agi_callington", "agi_callingtns", "agi_dnid", "agi_rdnis",
            "agi_context", "agi_extension", "agi_priority", "agi_enhanced", "agi_accountcode");

    static final int MAX_SHARED_VALUE_LENGTH = 200;

    /** The one table every connection of this process shares. */
    static final SharedEnvironmentStrings PROCESS = new SharedEnvironmentStrings(1_024);

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final int maxValues;

    SharedEnvironmentStrings(int maxValues) {
        this.maxValues = maxValues;
    }

    /** The shared copy of a name res_agi sends, else {@code name} itself. */
    String name(String name) {
        return NAMES.getOrDefault(name, name);
    }

    /** The shared copy of {@code value} when {@code name}'s values repeat from call to call, else {@code value}. */
    String value(String name, String value) {
        if (!REPEATING.contains(name) || value.length() > MAX_SHARED_VALUE_LENGTH) {
            return value;
        }
        String shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (values.size() >= maxValues) {
            return value; // full: a peer sending ever new values gets no more room here
        }
        shared = values.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    /** How many values are shared now (for tests: the table must stay bounded). */
    int sharedValues() {
        return values.size();
    }
}
